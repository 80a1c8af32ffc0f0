using Health.Web.Cli;
using Microsoft.Extensions.Configuration;

namespace Health.Web.Tests.Cli;

/// <summary>Runs a verb in-process with captured output and the given configuration.</summary>
internal static class CliRun
{
    public static async Task<(int Code, string Out, string Error)> RunAsync(IDictionary<string, string?> config, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, b => b.Configuration.AddInMemoryCollection(config));
        var code = await HealthCli.RunAsync(args, context, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
