namespace GitHubSimulator;

/// <summary>How GraphQL shows an author: a deleted account, which REST shows as the placeholder <c>ghost</c>, is <c>null</c> here.</summary>
internal static class Actors
{
    public static SimAccount? Visible(SimAccount? account) =>
        account is null || (account.Id == 10_137 && string.Equals(account.Login, "ghost", StringComparison.OrdinalIgnoreCase)) ? null : account;
}
