using Health.Core.Reports;
using Health.Core.Reports.Content;
using Health.Core.Reports.Delivery;
using Health.Core.Reports.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// In the engine's namespace, beside AddHealthCore, which calls it.
namespace Health.Core;

/// <summary>Periodic reports: content, rendering, schedules, and delivery by SMTP and webhook.</summary>
public static class ReportsSetup
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        builder.Services.AddOptions<ReportsOptions>().BindConfiguration(ReportsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ReportsOptions>, ReportsOptionsValidator>();

        // No logging handlers: they would write the webhook's URL, whose path is its secret.
        builder.Services.AddHttpClient(WebhookReportSender.ClientName, (sp, client) => client.Timeout = sp.GetRequiredService<IOptions<ReportsOptions>>().Value.WebhookTimeout)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<ReportsOptions>>();

                // No proxy: the address checked must be the webhook's own, not a proxy's.
                return new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, ConnectCallback = PrivateAddresses.Connect(() => options.CurrentValue.AllowPrivateWebhooks) };
            })
            .RemoveAllLoggers();

        builder.Services.AddSingleton<ReportBuilder>();
        builder.Services.AddSingleton<ReportRuns>();
        builder.Services.AddSingleton<SmtpReportSender>();
        builder.Services.AddSingleton<WebhookReportSender>();
        builder.Services.AddSingleton<ReportDeliverer>();
        builder.Services.AddSingleton<ReportCatchUp>();
        builder.Services.TryAddSingleton<IReportScheduler, NoReportScheduler>();
        builder.Services.AddSingleton<ReportCatalog>();
        return builder;
    }
}
