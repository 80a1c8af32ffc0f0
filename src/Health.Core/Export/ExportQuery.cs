using System.Globalization;
using Health.Core.GitHub;
using Health.Core.Metrics.Formulas;

namespace Health.Core.Export;

/// <summary>What an export asks for, as typed by a person (CLI options or query string), not yet trusted.</summary>
public sealed record ExportQuery(IReadOnlyList<string> Repos, string? Org, string? Period, string? From, string? To, bool Group = false);

/// <summary>A checked export request: names well formed, period known, dates valid and in order.</summary>
public sealed record ExportRequest(IReadOnlyList<RepositoryName> Repos, string? Org, PeriodKind Period, DateOnly? From, DateOnly? To, bool Group)
{
    /// <summary>A file name that says what is inside, e.g. <c>metrics-acme-widgets-month-2024-01-01-to-2024-06-30.csv</c>.</summary>
    public string FileName(string kind)
    {
        var scope = Org ?? (Repos.Count == 1 ? $"{Repos[0].Owner}-{Repos[0].Name}" : $"{Repos.Count}-repositories");
        var range = (From, To) switch
        {
            (null, null) => string.Empty,
            _ => $"-{From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "start"}-to-{To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "now"}",
        };
        var name = $"{kind}-{scope}-{Period.ToString().ToLowerInvariant()}{range}{(Group ? "-group" : string.Empty)}.csv";
        return new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_').ToArray());
    }

    /// <summary>
    /// Checks <paramref name="query"/>; on failure <paramref name="error"/> is one line naming the problem. Dates must lie
    /// within <see cref="RangeLimits"/> of <paramref name="today"/>, and the range hold at most <see cref="RangeLimits.MaxPeriods"/> periods.
    /// </summary>
    public static bool TryParse(ExportQuery query, DateOnly today, out ExportRequest? request, out string? error) => TryParse(query, periodRequired: true, today, out request, out error);

    /// <summary>As <see cref="TryParse(ExportQuery, DateOnly, out ExportRequest?, out string?)"/>; exports of items (PRs, contributors, cohorts) need no period.</summary>
    public static bool TryParse(ExportQuery query, bool periodRequired, DateOnly today, out ExportRequest? request, out string? error)
    {
        request = null;
        var repos = new List<RepositoryName>();
        foreach (var text in query.Repos)
        {
            if (!RepositoryName.TryParse(text, out var name, out error))
            {
                return false;
            }

            repos.Add(name);
        }

        if (repos.Count == 0 && string.IsNullOrWhiteSpace(query.Org))
        {
            error = "name what to export: one or more repositories (repo OWNER/NAME) or an owner (org OWNER)";
            return false;
        }

        if (repos.Count > 0 && !string.IsNullOrWhiteSpace(query.Org))
        {
            error = "give repositories or an owner, not both";
            return false;
        }

        var org = string.IsNullOrWhiteSpace(query.Org) ? null : query.Org.Trim();
        if (org is not null && !RepositoryName.IsValidOwner(org))
        {
            error = $"'{org}' is not a valid GitHub owner: 1-39 letters, digits or single hyphens, not at either end";
            return false;
        }

        var period = PeriodKind.Month;
        if (string.IsNullOrWhiteSpace(query.Period))
        {
            if (periodRequired)
            {
                error = "the period is missing: month or week";
                return false;
            }
        }
        else if (!Periods.TryParsePeriod(query.Period, out period))
        {
            error = $"'{query.Period}' is not a period: month or week";
            return false;
        }

        if (!TryDate(query.From, "from", today, out var from, out error) || !TryDate(query.To, "to", today, out var to, out error))
        {
            return false;
        }

        if (from > to)
        {
            error = $"from ({from:yyyy-MM-dd}) is after to ({to:yyyy-MM-dd})";
            return false;
        }

        if (from is { } first && RangeLimits.CountPeriods(first, to ?? today, period) > RangeLimits.MaxPeriods)
        {
            error = $"from {RangeLimits.Text(first)} to {RangeLimits.Text(to ?? today)} holds more than {RangeLimits.MaxPeriods} {period.ToString().ToLowerInvariant()}s, the most one export may have";
            return false;
        }

        request = new ExportRequest(repos, org, period, from, to, query.Group);
        error = null;
        return true;
    }

    private static bool TryDate(string? text, string name, DateOnly today, out DateOnly? date, out string? error)
    {
        date = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            if (!RangeLimits.Allows(d, today))
            {
                error = $"{name} ({RangeLimits.Text(d)}) must be {RangeLimits.Describe(today)}";
                return false;
            }

            date = d;
            return true;
        }

        error = $"'{text}' is not a date for {name}: expected yyyy-MM-dd, e.g. 2024-01-31";
        return false;
    }
}
