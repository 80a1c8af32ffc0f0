using Health.Core.Metrics.Formulas;
using Health.Core.Reports.Content;
using Health.Core.Storage.Entities;

namespace Health.Core.Reports;

/// <summary>The names and media types of an archived report's files (HTML, Markdown, the metrics CSV).</summary>
public static class ArchiveFiles
{
    /// <summary>The formats a report can be downloaded in, by extension.</summary>
    public static readonly IReadOnlyDictionary<string, string> MediaTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["html"] = "text/html; charset=utf-8",
        ["md"] = "text/markdown; charset=utf-8",
        ["csv"] = "text/csv; charset=utf-8",
    };

    /// <summary>The stored text of a format.</summary>
    public static string Content(ReportRun run, string extension) => extension switch
    {
        "html" => run.Html,
        "md" => run.Markdown,
        "csv" => run.Csv,
        _ => throw new ArgumentOutOfRangeException(nameof(extension), extension, "html, md or csv"),
    };

    /// <summary>A file name that says what is inside, e.g. <c>report-acme-widgets-week-2026-10-19.html</c>.</summary>
    public static string Name(ReportRun run, string prefix, string extension)
    {
        var scope = run.Repositories.Contains(',', StringComparison.Ordinal) ? $"{run.Repositories.Split(',').Length}-repositories" : run.Repositories;
        var name = $"{prefix}-{scope}-{ReportPeriods.Name(run.PeriodKind)}-{Periods.Label(run.PeriodStart)}";
        return new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '-').ToArray()) + "." + extension;
    }
}
