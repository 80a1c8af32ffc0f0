using Health.Core;
using Health.Core.Storage;
using Microsoft.Extensions.Options;

namespace Health.Web.Cli;

/// <summary>The same configuration and services as the web app, without the web server, for one verb.</summary>
internal static class CliHost
{
    public static IHost Build(CliContext cli)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        cli.Configure?.Invoke(builder);
        builder.AddHealthCore();
        return builder.Build();
    }

    /// <summary>Validates options and brings the database up to date; a configuration problem is reported, not thrown.</summary>
    public static async Task<bool> PrepareAsync(IHost host, CliContext cli, CancellationToken ct)
    {
        try
        {
            foreach (var validate in host.Services.GetServices<IStartupValidator>())
            {
                validate.Validate();
            }
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                await cli.Error.WriteLineAsync($"configuration: {failure}");
            }

            return false;
        }

        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        return true;
    }
}
