namespace Health.Core.GitHub.Sync;

/// <summary>METRICS.md's bot rule: type Bot, a login ending in [bot], or a configured extra login.</summary>
public sealed class BotPolicy(IEnumerable<string> extraBotLogins)
{
    private readonly HashSet<string> _extra = new(extraBotLogins.Select(l => l.Trim()), StringComparer.OrdinalIgnoreCase);

    public bool IsBot(string? type, string login) =>
        string.Equals(type, "Bot", StringComparison.OrdinalIgnoreCase) ||
        login.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase) ||
        _extra.Contains(login);

    /// <summary>GitHub shows deleted accounts as the placeholder <c>ghost</c>.</summary>
    public static bool IsDeletedPlaceholder(string login) => string.Equals(login, "ghost", StringComparison.OrdinalIgnoreCase);
}
