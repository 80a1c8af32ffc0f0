namespace Health.Core.Reports.Content;

/// <summary>One key metric for the period and the period before, and whether its change is good or bad for the community's health.</summary>
public sealed record MetricChange(string Column, string Label, MetricUnit Unit, HealthDirection Direction, double? Current, double? Previous)
{
    /// <summary>Current minus previous; null when either is blank.</summary>
    public double? Delta => Current is { } c && Previous is { } p ? c - p : null;

    /// <summary>The change relative to the previous value; null when either is blank or the previous is 0.</summary>
    public double? Relative => Delta is { } d && Previous is { } p && p != 0 ? d / Math.Abs(p) : null;

    public ChangeVerdict Verdict => Delta switch
    {
        null => ChangeVerdict.NotComparable,
        0 => ChangeVerdict.Unchanged,
        { } d => Direction switch
        {
            HealthDirection.HigherIsBetter => d > 0 ? ChangeVerdict.Better : ChangeVerdict.Worse,
            HealthDirection.LowerIsBetter => d < 0 ? ChangeVerdict.Better : ChangeVerdict.Worse,
            _ => ChangeVerdict.Neutral,
        },
    };
}

/// <summary>What a metric counts.</summary>
public enum MetricUnit
{
    Count,
    Hours,

    /// <summary>A fraction from 0 to 1, shown as a percentage.</summary>
    Rate,
}

/// <summary>Which way is healthy.</summary>
public enum HealthDirection
{
    HigherIsBetter,
    LowerIsBetter,

    /// <summary>Neither: e.g. more issues opened can mean more use or more bugs.</summary>
    Neutral,
}

/// <summary>The change of a metric, judged for the community's health.</summary>
public enum ChangeVerdict
{
    Better,
    Worse,
    Unchanged,

    /// <summary>Changed, but neither way is healthier.</summary>
    Neutral,

    /// <summary>One of the two periods has no value (a median over nothing).</summary>
    NotComparable,
}
