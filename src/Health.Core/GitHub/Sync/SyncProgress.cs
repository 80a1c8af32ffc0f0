namespace Health.Core.GitHub.Sync;

/// <summary>A progress note from a running sync: which stream, how far, and an optional message (e.g. a rate-limit wait).</summary>
public sealed record SyncProgress(string Stream, int Pages, int? TotalPages, int Items, double? Percent, string? Message = null);
