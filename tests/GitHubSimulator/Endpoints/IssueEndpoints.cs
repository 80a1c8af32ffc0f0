namespace GitHubSimulator;

/// <summary><c>/repos/{o}/{r}/issues</c> (issues and pull requests) and <c>/issues/{n}</c>.</summary>
internal static class IssueEndpoints
{
    public static ApiResponse List(Api api, ApiRequest request, SimRepository repo)
    {
        QueryParams q = request.Query;
        if (!Sorting.TrySince(request, ErrorBodies.IssuesDocs, out DateTime? since, out ApiResponse? error))
        {
            return error!;
        }

        RepoIndex index = repo.GetIndex();
        StateFilter state = Sorting.State(q.Get("state"));
        string sort = q.Get("sort") ?? "created";
        bool descending = Sorting.Descending(q.Get("direction"), byDefault: true);
        ListView<object> view;
        if (sort == "comments")
        {
            view = ListView<object>.Of(ByComments(index, state, since, descending));
        }
        else if (sort == "updated")
        {
            SortedIndex<object> order = index.IssuesUpdated(state);
            view = ListView<object>.Of(order, descending, since is { } from ? order.LowerBound(from.Ticks) : 0);
        }
        else if (since is { } from)
        {
            view = ListView<object>.Of(Sorting.UpdatedSince(index.IssuesCreated(state), Updated, from, descending));
        }
        else
        {
            view = ListView<object>.Of(index.IssuesCreated(state), descending);
        }

        RepoUrls urls = api.Json.UrlsOf(repo);
        return api.Page(request, view, 4096, (w, item) =>
            IssueJsonWriter.Write(w, api.Json, urls, repo, item, index.CommentCount(Number(item))));
    }

    public static ApiResponse Single(Api api, SimRepository repo, int number)
    {
        RepoIndex index = repo.GetIndex();
        object? item = index.PullsByNumber.GetValueOrDefault(number) ?? (object?)index.IssuesByNumber.GetValueOrDefault(number);
        if (item is null)
        {
            return ErrorBodies.NotFound(ErrorBodies.IssueDocs);
        }

        RepoUrls urls = api.Json.UrlsOf(repo);
        return Api.Object(4096, w => IssueJsonWriter.Write(w, api.Json, urls, repo, item, index.CommentCount(number)));
    }

    private static List<object> ByComments(RepoIndex index, StateFilter state, DateTime? since, bool descending)
    {
        SortedIndex<object> all = index.IssuesCreated(state);
        var items = new List<(int Comments, long Id, object Item)>(all.Count);
        for (int i = 0; i < all.Count; i++)
        {
            object item = all[i];
            if (since is null || Updated(item) >= since)
            {
                items.Add((index.CommentCount(Number(item)), Id(item), item));
            }
        }

        items.Sort((a, b) => a.Comments != b.Comments ? a.Comments.CompareTo(b.Comments) : a.Id.CompareTo(b.Id));
        if (descending)
        {
            items.Reverse();
        }

        return items.ConvertAll(x => x.Item);
    }

    private static DateTime Updated(object item) => item is SimPull p ? p.UpdatedAt : ((SimIssue)item).UpdatedAt;

    private static int Number(object item) => item is SimPull p ? p.Number : ((SimIssue)item).Number;

    private static long Id(object item) => item is SimPull p ? p.IssueKey : ((SimIssue)item).Id;
}
