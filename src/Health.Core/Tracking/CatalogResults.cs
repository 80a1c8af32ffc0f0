namespace Health.Core.Tracking;

/// <summary>What an add did; <see cref="Error"/> says exactly what was wrong when nothing was added.</summary>
public sealed record AddResult(IReadOnlyList<string> Added, IReadOnlyList<string> AlreadyTracked, string? Error)
{
    public bool Succeeded => Error is null;

    public static AddResult Failed(string error) => new([], [], error);

    /// <summary>One sentence for the person who asked.</summary>
    public string Describe()
    {
        if (Error is not null)
        {
            return Error;
        }

        var parts = new List<string>();
        if (Added.Count > 0)
        {
            parts.Add(Added.Count == 1 ? $"Added {Added[0]}; its first sync has started." : $"Added {Added.Count} repositories; their first syncs have started.");
        }

        if (AlreadyTracked.Count > 0)
        {
            parts.Add(AlreadyTracked.Count == 1 ? $"{AlreadyTracked[0]} was already tracked." : $"{AlreadyTracked.Count} were already tracked.");
        }

        return parts.Count == 0 ? "No public repositories found there; nothing was added." : string.Join(" ", parts);
    }
}

/// <summary>What reconciling <c>Health:Repositories</c> with the database did.</summary>
public sealed record ReconcileResult(IReadOnlyList<string> Added, IReadOnlyList<string> Untracked, IReadOnlyList<string> Errors);
