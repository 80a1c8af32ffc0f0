using Health.Core.GitHub.Dto;

namespace Health.Core.GitHub.GraphQL;

/// <summary>
/// GraphQL's nodes as the REST DTOs, so both collectors go through the one mapping into our rows. The differences that
/// matter: a Bot's login lacks REST's <c>[bot]</c> suffix; an actor's id is only on its concrete type; states are enums.
/// </summary>
internal static class NodeMapping
{
    public static UserDto? User(ActorNode? actor)
    {
        if (actor is null || string.IsNullOrEmpty(actor.Login))
        {
            return null;
        }

        var type = string.IsNullOrEmpty(actor.Typename) ? "User" : actor.Typename;
        var login = type == "Bot" && !actor.Login.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase) ? actor.Login + "[bot]" : actor.Login;

        // An actor type without a database id (an enterprise-managed account) cannot be matched to REST's: no author.
        return new UserDto(actor.DatabaseId ?? 0, login, type);
    }

    public static PullDto Pull(PullRequestNode n, IReadOnlyList<LabelNode> labels) => new(
        n.FullDatabaseId ?? 0,
        n.Number,
        n.Title,
        User(n.Author),
        State(n.State),
        n.IsDraft,
        n.AuthorAssociation,
        n.CreatedAt,
        n.UpdatedAt,
        n.ClosedAt,
        n.MergedAt,
        n.Additions,
        n.Deletions,
        n.ChangedFiles,
        n.Body,
        labels.Select(l => new LabelDto(l.Name)).ToList());

    public static IssueDto Issue(IssueNode n) => new(
        n.FullDatabaseId ?? 0, n.Number, n.Title, User(n.Author), State(n.State), n.AuthorAssociation, n.CreatedAt, n.UpdatedAt, n.ClosedAt, null);

    public static ReviewDto Review(ReviewNode n) => new(n.FullDatabaseId ?? 0, User(n.Author), n.State, n.SubmittedAt);

    public static IssueCommentDto Comment(CommentNode n) => new(n.FullDatabaseId ?? 0, User(n.Author), null, n.CreatedAt, n.UpdatedAt);

    public static ReviewCommentDto ReviewComment(ReviewCommentNode n) =>
        new(n.FullDatabaseId ?? 0, User(n.Author), null, n.PullRequestReview?.FullDatabaseId, n.CreatedAt, n.UpdatedAt);

    /// <summary>REST's state: <c>open</c> or <c>closed</c> (a merged pull request is closed, with <c>merged_at</c>).</summary>
    private static string? State(string? state) => state switch
    {
        "OPEN" => "open",
        "CLOSED" or "MERGED" => "closed",
        _ => null,
    };
}
