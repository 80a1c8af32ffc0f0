namespace GitHubSimulator;

/// <summary><c>/repos/{o}/{r}/issues/comments</c> and <c>/repos/{o}/{r}/pulls/comments</c>.</summary>
internal static class CommentEndpoints
{
    public static ApiResponse IssueComments(Api api, ApiRequest request, SimRepository repo)
    {
        if (!Sorting.TrySince(request, ErrorBodies.IssueCommentsDocs, out DateTime? since, out ApiResponse? error))
        {
            return error!;
        }

        RepoIndex index = repo.GetIndex();
        ListView<SimIssueComment> view = View(request, since, index.IssueCommentsCreated, index.IssueCommentsUpdated, c => c.UpdatedAt);
        RepoUrls urls = api.Json.UrlsOf(repo);
        return api.Page(request, view, 2560, (w, comment) =>
            CommentJsonWriter.WriteIssueComment(w, api.Json, urls, comment, index.PullsByNumber.ContainsKey(comment.IssueNumber)));
    }

    public static ApiResponse ReviewComments(Api api, ApiRequest request, SimRepository repo)
    {
        if (!Sorting.TrySince(request, ErrorBodies.ReviewCommentsDocs, out DateTime? since, out ApiResponse? error))
        {
            return error!;
        }

        RepoIndex index = repo.GetIndex();
        ListView<SimReviewComment> view = View(request, since, index.ReviewCommentsCreated, index.ReviewCommentsUpdated, c => c.UpdatedAt);
        RepoUrls urls = api.Json.UrlsOf(repo);
        return api.Page(request, view, 3584, (w, comment) => CommentJsonWriter.WriteReviewComment(w, api.Json, urls, comment));
    }

    /// <summary>
    /// Sorted by created (default) or updated; without <c>sort</c> the order is ascending, with it the default
    /// direction is descending. <c>since</c> keeps items updated at or after it.
    /// </summary>
    private static ListView<T> View<T>(ApiRequest request, DateTime? since, SortedIndex<T> created, SortedIndex<T> updated, Func<T, DateTime> updatedAt)
        where T : class
    {
        string? sort = request.Query.Get("sort");
        bool descending = Sorting.Descending(request.Query.Get("direction"), byDefault: sort is not null);
        if (sort is "updated" or "updated_at")
        {
            return ListView<T>.Of(updated, descending, since is { } from ? updated.LowerBound(from.Ticks) : 0);
        }

        return since is { } s
            ? ListView<T>.Of(Sorting.UpdatedSince(created, updatedAt, s, descending))
            : ListView<T>.Of(created, descending);
    }
}
