using System.Globalization;
using Health.Benchmarks;

// dotnet run -c Release --project tests/Health.Benchmarks -- collect [PRS,PRS,...] [PRS_WITH_LATENCY]
// dotnet run -c Release --project tests/Health.Benchmarks -- measure [PRS]
// dotnet run -c Release --project tests/Health.Benchmarks -- soak [MINUTES] [REPOS] [WORKERS]
// dotnet run -c Release --project tests/Health.Benchmarks -- pages [PRS] [REPOS]
// dotnet run -c Release --project tests/Health.Benchmarks -- scale [PROVIDER:PRS,...]   (e.g. sqlite:100000,postgres:100000,postgres:1000000)
var verb = args.Length > 0 ? args[0] : "collect";
int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
return verb switch
{
    "collect" => await CollectBenchmark.RunAsync(Sizes(1, [10_000]), Arg(2, 2_000)),
    "measure" => await MeasureBenchmark.RunAsync(Arg(1, 100_000)),
    "soak" => await SoakBenchmark.RunAsync(Arg(1, 5), Arg(2, 100), Arg(3, 8)),
    "pages" => await PagesBenchmark.RunAsync(Arg(1, 100_000), Arg(2, 20)),
    "scale" => await PagesBenchmark.ScaleAsync(Runs(1)),
    _ => Usage(),
};

int[] Sizes(int index, int[] fallback) =>
    args.Length > index ? args[index].Split(',').Select(s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray() : fallback;

IReadOnlyList<(Health.Core.Storage.DatabaseProvider, int)> Runs(int index) =>
    (args.Length > index ? args[index] : "sqlite:100000,postgres:100000").Split(',')
        .Select(r => r.Split(':'))
        .Select(p => (Enum.Parse<Health.Core.Storage.DatabaseProvider>(p[0], ignoreCase: true), int.Parse(p[1], NumberStyles.None, CultureInfo.InvariantCulture)))
        .ToList();

static int Usage()
{
    Console.Error.WriteLine("usage: Health.Benchmarks collect [PRS=10000, or a comma-separated list] [PRS_WITH_100MS_LATENCY=2000]");
    Console.Error.WriteLine("       Health.Benchmarks measure [PRS=100000]");
    Console.Error.WriteLine("       Health.Benchmarks soak [MINUTES=5] [REPOS=100] [WORKERS=8]");
    Console.Error.WriteLine("       Health.Benchmarks pages [PRS=100000] [REPOS=20]");
    Console.Error.WriteLine("       Health.Benchmarks scale [PROVIDER:PRS,...=sqlite:100000,postgres:100000]");
    return 2;
}
