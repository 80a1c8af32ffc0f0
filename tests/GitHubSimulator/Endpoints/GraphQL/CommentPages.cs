using GraphQL;

namespace GitHubSimulator;

/// <summary>The <c>comments</c> of a pull request or an issue: its issue comments in id (creation) order.</summary>
internal static class CommentPages
{
    public static Page Of(IResolveFieldContext ctx, SimRepository repo, int number)
    {
        ctx.GitHub().FailIfFaulted();
        List<SimIssueComment> comments = repo.GetIndex().CommentsByNumber.GetValueOrDefault(number) ?? [];
        return Page.OfList(comments, ctx.First(), ctx.After(), c => c.Id, c => c);
    }
}
