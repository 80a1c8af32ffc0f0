namespace Health.Core.Metrics.Formulas;

/// <summary>What a possible response to a pull request or issue is.</summary>
public enum ResponseKind
{
    /// <summary>A pull request review (counts once submitted: any state but PENDING).</summary>
    Review,

    /// <summary>A comment in the conversation of an issue or pull request.</summary>
    IssueComment,

    /// <summary>A comment on a pull request's diff.</summary>
    ReviewComment,
}
