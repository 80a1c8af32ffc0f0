namespace GitHubSimulator;

/// <summary>What <see cref="WorldGenerator"/> builds. The same options and seed give the same world.</summary>
public sealed record WorldOptions
{
    public int Seed { get; init; } = 7;
    public string Owner { get; init; } = "acme";
    public string Name { get; init; } = "widgets";

    /// <summary>Pull requests in the main repository.</summary>
    public int Prs { get; init; } = 200;

    /// <summary>Issues in the main repository; null means <c>Prs / 5</c>.</summary>
    public int? Issues { get; init; }

    /// <summary>More, smaller repositories (Prs/10 pull requests each) named <c>{Name}-2</c>, <c>{Name}-3</c>, ...</summary>
    public int ExtraRepositories { get; init; }

    /// <summary>The end of history (no event after it); null means the clock's now.</summary>
    public DateTime? End { get; init; }

    public double YearsOfHistory { get; init; } = 3;

    /// <summary>Multiplies the mean number of reviews per PR (about 1.4 at 1.0); review comments follow reviews.</summary>
    public double ReviewsScale { get; init; } = 1.0;

    /// <summary>Multiplies the mean number of comments per PR and per issue (about 2.7 on a PR at 1.0).</summary>
    public double CommentsScale { get; init; } = 1.0;

    /// <summary>Copied to <see cref="World.ShowPendingReviews"/>.</summary>
    public bool ShowPendingReviews { get; init; }

    /// <summary>
    /// The intake's material, each about this share of the PRs: PRs authored by AI coding agents' accounts, agent
    /// disclosure markers in PR bodies (in any case), and look-alikes of them that no rule should match. 0 (the default)
    /// leaves the world exactly as without it.
    /// </summary>
    public double AgentShare { get; init; }
}
