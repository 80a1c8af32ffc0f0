using Microsoft.Extensions.Options;

namespace Health.Core.Reports;

/// <summary>How reports are delivered (section <c>Reports</c>).</summary>
public sealed class ReportsOptions
{
    public const string Section = "Reports";

    /// <summary>How long a webhook may take to answer.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one attempt may hold a delivery before another run of the job may take it over (a process killed
    /// mid-send). Longer than an SMTP or webhook attempt can take.
    /// </summary>
    public TimeSpan DeliveryLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Lets webhooks reach loopback, link-local, private and reserved addresses (a receiver on this machine or network).
    /// Off by default: anyone who may schedule reports could otherwise probe the network the app sits in.
    /// </summary>
    public bool AllowPrivateWebhooks { get; set; }
}

internal sealed class ReportsOptionsValidator : IValidateOptions<ReportsOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportsOptions options)
    {
        var s = ReportsOptions.Section;
        var problems = new List<string>();
        if (options.WebhookTimeout <= TimeSpan.Zero || options.WebhookTimeout > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{s}:WebhookTimeout must be more than 0 and at most 00:05:00 (it is {options.WebhookTimeout}).");
        }

        if (options.DeliveryLease < TimeSpan.FromSeconds(10) || options.DeliveryLease > TimeSpan.FromHours(1))
        {
            problems.Add($"{s}:DeliveryLease must be between 00:00:10 and 01:00:00 (it is {options.DeliveryLease}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
