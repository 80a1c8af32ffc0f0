using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;

namespace Health.Core.Export;

/// <summary>The newcomer cohorts CSV (<see cref="NewcomerCohorts"/>): a row per repository (or group) and month.</summary>
public static class CohortsCsv
{
    public static readonly string[] Header =
        ["repo", "cohort_month", "newcomers", .. NewcomerCohorts.Offsets.Select(m => $"active_after_{m}m")];

    public static Task WriteAsync(TextWriter writer, IEnumerable<NewcomerCohortRow> rows, CancellationToken ct) =>
        CsvFormat.WriteRowsAsync(writer, Header, rows, Cells, ct);

    public static IEnumerable<string> Cells(NewcomerCohortRow r) =>
        [r.Repo, Periods.Label(r.Month)[..7], CsvNumbers.Count(r.Newcomers), .. r.ActiveAfter.Select(CsvNumbers.Rate)];
}
