using Health.Core.GitHub;
using Microsoft.Extensions.Options;

namespace Health.Core.Tracking;

/// <summary>What is tracked when it is kept in configuration, and the schedule new repositories get.</summary>
public sealed class TrackingOptions
{
    public const string Section = "Health";

    /// <summary><c>owner/name</c> or <c>owner/*</c> (every public repository of an organisation or user), reconciled with the database at start.</summary>
    public List<string> Repositories { get; set; } = [];

    /// <summary>The recurring sync a newly added repository gets (five-field cron).</summary>
    public string DefaultCron { get; set; } = Schedules.DefaultCron;

    public string DefaultTimeZone { get; set; } = Schedules.DefaultTimeZone;
}

internal sealed class TrackingOptionsValidator : IValidateOptions<TrackingOptions>
{
    public ValidateOptionsResult Validate(string? name, TrackingOptions options)
    {
        var problems = new List<string>();
        for (var i = 0; i < options.Repositories.Count; i++)
        {
            if (!TrackTarget.TryParse(options.Repositories[i], out _, out var error))
            {
                problems.Add($"{TrackingOptions.Section}:Repositories:{i}: {error}");
            }
        }

        if (!Schedules.TryParseCron(options.DefaultCron, out _, out var cronError))
        {
            problems.Add($"{TrackingOptions.Section}:DefaultCron: {cronError}");
        }

        if (!Schedules.TryFindTimeZone(options.DefaultTimeZone, out _, out var zoneError))
        {
            problems.Add($"{TrackingOptions.Section}:DefaultTimeZone: {zoneError}");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>What a person asks to track: one repository, or every public repository of an owner.</summary>
public sealed record TrackTarget(string Owner, RepositoryName? Repository)
{
    public bool IsOwner => Repository is null;

    public override string ToString() => Repository?.FullName ?? $"{Owner}/*";

    /// <summary>Accepts <c>owner/name</c>, <c>owner/*</c>, <c>owner</c>, and a repository or owner URL (<c>https://github.com/owner/name</c>).</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TrackTarget? target, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        target = null;
        var value = (text ?? string.Empty).Trim();
        if (value.Length == 0)
        {
            error = "Nothing to add: type owner/name (one repository) or an organisation or user (every public repository).";
            return false;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            value = uri.AbsolutePath.Trim('/');
            value = value.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? value[..^4] : value;
        }

        var owner = value.EndsWith("/*", StringComparison.Ordinal) ? value[..^2] : value.Contains('/', StringComparison.Ordinal) ? null : value;
        if (owner is not null)
        {
            if (!RepositoryName.IsValidOwner(owner))
            {
                error = $"'{owner}' is not a valid GitHub organisation or user: 1-39 letters, digits or single hyphens, not at either end.";
                return false;
            }

            target = new TrackTarget(owner, null);
            error = null;
            return true;
        }

        if (!RepositoryName.TryParse(value, out var name, out error))
        {
            return false;
        }

        target = new TrackTarget(name.Owner, name);
        return true;
    }

    /// <summary>Whether a repository is covered by this target (owner match for <c>owner/*</c>).</summary>
    public bool Covers(string fullNameKey) => Repository is { } r
        ? r.Key == fullNameKey
        : fullNameKey.StartsWith(Owner.ToLowerInvariant() + "/", StringComparison.Ordinal);
}
