namespace Health.Core.Metrics.Formulas;

/// <summary>The length of a reporting period (METRICS.md, "Time and periods").</summary>
public enum PeriodKind
{
    /// <summary>An ISO week: Monday 00:00 UTC up to the next Monday 00:00 UTC.</summary>
    Week,

    /// <summary>A calendar month in UTC: the 1st 00:00 UTC up to the next month's 1st.</summary>
    Month,
}
