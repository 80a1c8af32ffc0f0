namespace GitHubSimulator;

/// <summary>A pull request as GraphQL resolves it: with its repository (for node ids and children).</summary>
internal sealed record PullNode(SimRepository Repo, SimPull Pull);

internal sealed record IssueNode(SimRepository Repo, SimIssue Issue);

/// <summary>A review comment with its repository (to resolve <c>pullRequestReview</c>).</summary>
internal sealed record ReviewCommentNode(SimRepository Repo, SimReviewComment Comment);

/// <summary>One label of a pull request; <see cref="Position"/> is its place in the pull request's list (the cursor).</summary>
internal sealed record LabelNode(SimRepository Repo, string Name, int Position);

/// <summary>
/// A review thread: the review comments of a pull request on one line of one file, in id order (GitHub groups a
/// reply with the comment it answers; the simulator groups by position).
/// </summary>
internal sealed record ThreadNode(SimRepository Repo, SimPull Pull, string Path, int Line, IReadOnlyList<SimReviewComment> Comments)
{
    public long FirstCommentId => Comments[0].Id;
}
