using Health.Core;
using Health.Web.Cli;
using Health.Web.Endpoints;
using Health.Web.Hosting;

if (HealthCli.IsVerb(args))
{
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancel.Cancel();
    };
    return await HealthCli.RunAsync(args, new CliContext(Console.Out, Console.Error), cancel.Token);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddHealthCore();
builder.AddHosting();

var app = builder.Build();
app.MapHosting();
app.MapExports();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
