using Health.Core;
using Health.Web.Access;
using Health.Web.Badges;
using Health.Web.Cli;
using Health.Web.Endpoints;
using Health.Web.Components;
using Health.Web.Hosting;
using Health.Web.Jobs;

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

// Run from the build output (dotnet run) in Production, the framework's and the scoped-CSS assets are found through the
// build's static web assets manifest; a published app has them in wwwroot and no manifest, and this does nothing.
builder.WebHost.UseStaticWebAssets();
builder.AddHealthCore();
builder.AddHosting();
builder.AddAccess();
builder.AddJobs();
builder.AddHealthEndpoint();
builder.AddDashboard();

var app = builder.Build();
app.UseHosting();
app.UseAccess();
app.MapHealthEndpoint();
if (app.ServesPages()) // Health:Roles: a worker-only process answers /health and nothing else
{
    app.MapSignIn();
    app.MapJobs();
    app.MapExports();
    app.MapChartExports();
    app.MapBadges();
    app.MapReports();
    app.MapDashboard();
}

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
