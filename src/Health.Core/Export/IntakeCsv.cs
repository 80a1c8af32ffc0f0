using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;

namespace Health.Core.Export;

/// <summary>The intake CSV of METRICS.md ("Intake and maintainer load"), header and formats exactly as the contract states.</summary>
public static class IntakeCsv
{
    public static readonly string[] Header =
    [
        "repo", "period_start",
        "prs_opened_maintainer", "prs_opened_returning", "prs_opened_newcomer", "prs_opened_agent", "prs_opened_bot",
        "merge_rate_maintainer", "merge_rate_returning", "merge_rate_newcomer", "merge_rate_agent", "merge_rate_bot",
        "responses_on_finished", "responses_on_unmerged", "unmerged_response_share",
        "prs_target_met", "prs_target_decided", "response_target_rate",
    ];

    public static Task WriteAsync(TextWriter writer, IEnumerable<IntakeRow> rows, CancellationToken ct) =>
        CsvFormat.WriteRowsAsync(writer, Header, rows, Cells, ct);

    public static IEnumerable<string> Cells(IntakeRow r) =>
    [
        r.Repo, Periods.Label(r.PeriodStart),
        .. PrOrigins.Columns.Select(o => CsvNumbers.Count(r.Opened[o])),
        .. PrOrigins.Columns.Select(o => CsvNumbers.Rate(r.MergeRate[o])),
        CsvNumbers.Count(r.ResponsesOnFinished), CsvNumbers.Count(r.ResponsesOnUnmerged), CsvNumbers.Rate(r.UnmergedResponseShare),
        CsvNumbers.Count(r.TargetMet), CsvNumbers.Count(r.TargetDecided), CsvNumbers.Rate(r.ResponseTargetRate),
    ];
}
