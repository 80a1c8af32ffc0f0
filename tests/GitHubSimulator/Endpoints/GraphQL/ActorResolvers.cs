using GraphQL.Utilities;

namespace GitHubSimulator;

/// <summary>
/// The actors: <c>User</c>, <c>Bot</c>, <c>Organization</c> and <c>Mannequin</c> from <see cref="SimAccount.Type"/>.
/// A bot's login has no <c>[bot]</c> suffix here (REST's <c>dependabot[bot]</c> is <c>dependabot</c>).
/// </summary>
internal static class ActorResolvers
{
    public static readonly string[] TypeNames = ["User", "Bot", "Organization", "Mannequin"];

    public static void Configure(SchemaBuilder builder)
    {
        foreach (string type in TypeNames)
        {
            builder.Types.For(type)
                .Field<SimAccount>("id", NodeIds.Account)
                .Field<SimAccount>("login", Login)
                .Field<SimAccount>("databaseId", a => ResolverExtensions.DatabaseId(a.Id));
        }
    }

    /// <summary>The GraphQL type of an account.</summary>
    public static string TypeOf(SimAccount account) => account.Type switch
    {
        AccountTypes.Bot => "Bot",
        AccountTypes.Organization => "Organization",
        AccountTypes.Mannequin => "Mannequin",
        _ => "User",
    };

    public static string Login(SimAccount account) =>
        account.Type == AccountTypes.Bot && account.Login.EndsWith("[bot]", StringComparison.Ordinal) ? account.Login[..^5] : account.Login;
}
