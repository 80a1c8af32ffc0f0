namespace Health.Core.GitHub;

/// <summary>One page of a GitHub list, or a 304 when <see cref="NotModified"/>.</summary>
public sealed record ApiPage<T>(
    IReadOnlyList<T> Items,
    bool NotModified,
    string? ETag,
    Uri? Next,
    int? LastPage,
    DateTime ServerDate);
