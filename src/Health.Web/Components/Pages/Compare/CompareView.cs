using System.Globalization;
using Health.Core.GitHub;
using Health.Core.Metrics.Formulas;
using Health.Web.Components.Pages.Repository;

namespace Health.Web.Components.Pages.Compare;

/// <summary>
/// One entry of a comparison: a repository (<c>owner/name</c>) or an organisation (<c>owner</c>: every repository of
/// that owner Health tracks, pooled as METRICS.md pools a group).
/// </summary>
public sealed record CompareItem(string Text, bool IsOrganisation)
{
    /// <summary>The case-insensitive key, so <c>Acme/Widgets</c> and <c>acme/widgets</c> are one entry.</summary>
    public string Key => Text.ToLowerInvariant();
}

/// <summary>
/// The filters of the compare page, read from its query string: <c>items</c> (2 to 5 entries, comma-separated, each
/// <c>owner/name</c> or <c>owner</c>), and <c>period</c>, <c>from</c>, <c>to</c> as on the repository page. An entry that
/// cannot be used is left out and named in <see cref="Problems"/>. Without a range in the URL, entries all quiet since
/// before last month are shown over the 12 months up to the latest last activity among them (<see cref="QuietSince"/>).
/// </summary>
public sealed record CompareView(IReadOnlyList<CompareItem> Items, PeriodKind Period, DateOnly From, DateOnly To, IReadOnlyList<string> Problems)
{
    /// <summary>The latest last activity of the entries, when the default range was moved to end at it.</summary>
    public DateTime? QuietSince { get; init; }

    /// <summary>What the page says when the range was moved to the entries' last activity, or null.</summary>
    public string? QuietNote => AsRange().QuietNote;

    /// <summary>The words of the link to the usual range to today.</summary>
    public string ToTodayText => AsRange().ToTodayText;

    /// <summary>The most entries one comparison shows: more lines than that on one chart cannot be told apart.</summary>
    public const int MaxItems = 5;

    /// <summary>The fewest entries that make a comparison.</summary>
    public const int MinItems = 2;

    /// <summary>The view the query string asks for; <paramref name="lastActivity"/> (the entries' latest, if known) moves the default range of quiet entries.</summary>
    public static CompareView Parse(string? items, string? period, string? from, string? to, DateTime now, DateTime? lastActivity = null)
    {
        var range = RepositoryView.Parse(period, from, to, bots: null, now, lastActivity);
        var problems = new List<string>(range.Problems);
        var parsed = new List<CompareItem>();
        foreach (var raw in (items ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (ParseItem(raw, out var error) is not { } item)
            {
                problems.Add(error!);
            }
            else if (parsed.Any(p => p.Key == item.Key))
            {
                problems.Add($"items: '{raw}' is named twice; it is shown once.");
            }
            else if (parsed.Count == MaxItems)
            {
                problems.Add($"items: at most {MaxItems} can be compared; '{raw}' is left out.");
            }
            else
            {
                parsed.Add(item);
            }
        }

        return new CompareView(parsed, range.Period, range.From, range.To, problems) { QuietSince = range.QuietSince };
    }

    /// <summary>This comparison over the usual default range, to today.</summary>
    public CompareView ToToday(DateTime now)
    {
        var today = AsRange().ToToday(now);
        return this with { From = today.From, To = today.To, Problems = [], QuietSince = null };
    }

    /// <summary>An entry from its text: <c>owner/name</c> is a repository, a bare <c>owner</c> an organisation.</summary>
    public static CompareItem? ParseItem(string text, out string? error)
    {
        error = null;
        if (!text.Contains('/', StringComparison.Ordinal))
        {
            if (RepositoryName.IsValidOwner(text))
            {
                return new CompareItem(text, IsOrganisation: true);
            }

            error = $"items: '{text}' is neither OWNER/NAME nor an OWNER (1-39 letters, digits or single hyphens).";
            return null;
        }

        if (RepositoryName.TryParse(text, out var name, out var problem))
        {
            return new CompareItem(name.FullName, IsOrganisation: false);
        }

        error = $"items: {problem}";
        return null;
    }

    private RepositoryView AsRange() => new(Period, From, To, Bots: false, Problems) { QuietSince = QuietSince };

    /// <summary>The view's query string, every filter written out so a link reproduces it (names need no escaping: their characters are URL-safe).</summary>
    public string Query()
    {
        var d = CultureInfo.InvariantCulture;
        var items = string.Join(",", Items.Select(i => i.Text));
        return $"items={items}&period={RepositoryView.Unit(Period)}&from={From.ToString("yyyy-MM-dd", d)}&to={To.ToString("yyyy-MM-dd", d)}";
    }
}
