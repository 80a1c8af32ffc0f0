using System.Globalization;

namespace GitHubSimulator;

/// <summary>The standalone process's options: <c>--name value</c> pairs.</summary>
internal sealed class CommandLine
{
    public const string Usage = """
        usage: GitHubSimulator [options]
          --port N          port on 127.0.0.1 (0 = any free port; default 0)
          --seed N          world seed (default 7)
          --prs N           pull requests in the main repository (default 200)
          --issues N        issues in the main repository (default prs/5)
          --owner NAME      repository owner (default acme)
          --name NAME       repository name (default widgets)
          --extra-repos N   more repositories named NAME-2, NAME-3, ... (default 0)
          --latency-ms N    delay before every answer (default 0)
          --token TOKEN     require "Authorization: token TOKEN" (or Bearer)
          --path-prefix P   serve under a prefix such as api/v3
          --fault-rate P    answer this share of requests with a random 502/503/403-secondary/429
          --rate-limit N    primary rate limit per hour (default 5000)
          --graphql-rate-limit N
                            GraphQL points per hour (default 5000)
        """;

    public WorldOptions World { get; private set; } = new();
    public SimulatorOptions Server { get; } = new();
    public double FaultRate { get; private set; }
    public bool Help { get; private set; }

    public static bool TryParse(string[] args, out CommandLine result, out string error)
    {
        result = new CommandLine();
        error = "";
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help")
            {
                result.Help = true;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"error: {name} needs a value (see --help)";
                return false;
            }

            string value = args[++i];
            if (!result.Apply(name, value, out error))
            {
                return false;
            }
        }

        return true;
    }

    private bool Apply(string name, string value, out string error)
    {
        error = "";
        switch (name)
        {
            case "--port":
                return Int(name, value, 0, 65_535, v => Server.Port = v, out error);
            case "--seed":
                return Int(name, value, int.MinValue, int.MaxValue, v => World = World with { Seed = v }, out error);
            case "--prs":
                return Int(name, value, 0, 10_000_000, v => World = World with { Prs = v }, out error);
            case "--issues":
                return Int(name, value, 0, 10_000_000, v => World = World with { Issues = v }, out error);
            case "--extra-repos":
                return Int(name, value, 0, 1_000, v => World = World with { ExtraRepositories = v }, out error);
            case "--latency-ms":
                return Int(name, value, 0, 600_000, v => Server.Latency = TimeSpan.FromMilliseconds(v), out error);
            case "--rate-limit":
                return Int(name, value, 0, int.MaxValue, v => Server.RateLimit = v, out error);
            case "--graphql-rate-limit":
                return Int(name, value, 0, int.MaxValue, v => Server.GraphQLRateLimit = v, out error);
            case "--owner":
                return Text(name, value, v => World = World with { Owner = v }, out error);
            case "--name":
                return Text(name, value, v => World = World with { Name = v }, out error);
            case "--token":
                return Text(name, value, v => Server.Token = v, out error);
            case "--path-prefix":
                Server.PathPrefix = value.Trim('/');
                return true;
            case "--fault-rate":
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) || rate is < 0 or > 1)
                {
                    error = $"error: {name} wants a probability between 0 and 1, got '{value}'";
                    return false;
                }

                FaultRate = rate;
                return true;
            default:
                error = $"error: unknown option '{name}' (see --help)";
                return false;
        }
    }

    private static bool Int(string name, string value, int min, int max, Action<int> set, out string error)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max)
        {
            set(n);
            error = "";
            return true;
        }

        error = $"error: {name} wants a whole number from {min} to {max}, got '{value}'";
        return false;
    }

    private static bool Text(string name, string value, Action<string> set, out string error)
    {
        if (value.Length == 0 || value.StartsWith("--", StringComparison.Ordinal))
        {
            error = $"error: {name} needs a value (see --help)";
            return false;
        }

        set(value);
        error = "";
        return true;
    }
}
