using System.Diagnostics.CodeAnalysis;

namespace Health.Core.Reports;

/// <summary>Webhook URLs: absolute http or https only, and shown without their secret path.</summary>
public static class WebhookUrls
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out Uri? uri, [NotNullWhen(false)] out string? error)
    {
        uri = null;
        var trimmed = (text ?? string.Empty).Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var parsed) && parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
        {
            error = $"The webhook URL must use http or https, not '{parsed.Scheme}:'.";
            return false;
        }

        if (parsed is null || string.IsNullOrEmpty(parsed.Host))
        {
            error = $"'{trimmed}' is not a webhook URL: expected an absolute http or https URL such as https://hooks.example.org/services/T000/B000/XXXX.";
            return false;
        }

        uri = parsed;
        error = null;
        return true;
    }

    /// <summary>
    /// The URL without its path, query or credentials (<c>https://hooks.example.org/…</c>): incoming-webhook URLs carry their
    /// secret in the path, so logs, errors and pages show only this.
    /// </summary>
    public static string Masked(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/…" : "(invalid URL)";
}
