namespace Health.Web.Components;

/// <summary>The Blazor Server dashboard: pages, live updates, and the options that shape them.</summary>
internal static class DashboardSetup
{
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section)
            .Validate(o => o.RefreshInterval >= TimeSpan.FromMilliseconds(50) && o.RefreshInterval <= TimeSpan.FromMinutes(5), $"{DashboardOptions.Section}:RefreshInterval must be between 00:00:00.05 and 00:05:00.")
            .ValidateOnStart();
        if (Hosting.ProcessRoles.Read(builder.Configuration).Web)
        {
            // It keeps this process's pages warm; a worker-only process serves none.
            builder.Services.AddHostedService<FactsWarmer>();
        }

        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapStaticAssets();
        // Pages carry their policies as attributes (Pages/_Imports.razor), so the router enforces them inside a circuit too.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

/// <summary><c>Dashboard</c>: how the pages behave.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>How often a page that shows sync state reads it again while open.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}
