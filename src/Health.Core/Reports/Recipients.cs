using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using MimeKit;

namespace Health.Core.Reports;

/// <summary>Email recipients as people type them: addresses separated by commas, semicolons, spaces or new lines.</summary>
public static partial class Recipients
{
    /// <summary>More would be a mailing list's job.</summary>
    public const int Max = 50;

    /// <summary>Reads the list; an empty text is an empty list. The error names the first address that is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out IReadOnlyList<string>? addresses, [NotNullWhen(false)] out string? error)
    {
        addresses = null;
        var parts = (text ?? string.Empty).Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var found = new List<string>();
        foreach (var part in parts)
        {
            if (!IsAddress(part))
            {
                error = $"'{part}' is not an email address: expected name@example.org (several separated by commas).";
                return false;
            }

            if (!found.Contains(part, StringComparer.OrdinalIgnoreCase))
            {
                found.Add(part);
            }
        }

        if (found.Count > Max)
        {
            error = $"{found.Count} recipients are too many: at most {Max} (use a mailing list).";
            return false;
        }

        addresses = found;
        error = null;
        return true;
    }

    /// <summary>One bare address (<c>local@domain</c>) that MimeKit reads back as the same address.</summary>
    public static bool IsAddress(string? text) =>
        text is not null && AddressPattern().IsMatch(text) && MailboxAddress.TryParse(text, out var mailbox) && mailbox.Address == text;

    public static string Join(IEnumerable<string> addresses) => string.Join(", ", addresses);

    [GeneratedRegex(@"^[^@\s<>()\[\],;:""\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$")]
    private static partial Regex AddressPattern();
}
