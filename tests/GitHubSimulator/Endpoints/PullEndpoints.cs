namespace GitHubSimulator;

/// <summary><c>/repos/{o}/{r}/pulls</c>, <c>/pulls/{n}</c> and <c>/pulls/{n}/reviews</c>.</summary>
internal static class PullEndpoints
{
    public static ApiResponse List(Api api, ApiRequest request, SimRepository repo)
    {
        QueryParams q = request.Query;
        RepoIndex index = repo.GetIndex();
        StateFilter state = Sorting.State(q.Get("state"));
        string sort = q.Get("sort") ?? "created";

        // GitHub: "Default: desc when sort is created or sort is not specified, otherwise asc."
        bool descending = Sorting.Descending(q.Get("direction"), byDefault: sort == "created");
        ListView<SimPull> view = sort switch
        {
            "updated" => ListView<SimPull>.Of(index.PullsUpdated(state), descending),
            "popularity" => ListView<SimPull>.Of(ByComments(index, state, descending)),
            _ => ListView<SimPull>.Of(index.PullsCreated(state), descending),
        };
        PullFragments fragments = Fragments(api, repo, index);
        return api.Page(request, view, 16_384, (w, pull) =>
            PullJsonWriter.Write(w, api.Json, fragments, pull));
    }

    public static ApiResponse Single(Api api, SimRepository repo, int number)
    {
        RepoIndex index = repo.GetIndex();
        if (!index.PullsByNumber.TryGetValue(number, out SimPull? pull))
        {
            return ErrorBodies.NotFound(ErrorBodies.PullDocs);
        }

        PullFragments fragments = Fragments(api, repo, index);
        var counts = new PullCounts(index.CommentCount(number), index.ReviewCommentCounts.GetValueOrDefault(number));
        return Api.Object(16_384, w => PullJsonWriter.Write(w, api.Json, fragments, pull, counts));
    }

    /// <summary>Reviews by id; PENDING ones only when <see cref="World.ShowPendingReviews"/>.</summary>
    public static ApiResponse Reviews(Api api, ApiRequest request, SimRepository repo, int number)
    {
        RepoIndex index = repo.GetIndex();
        if (!index.PullsByNumber.ContainsKey(number))
        {
            return ErrorBodies.NotFound(ErrorBodies.ReviewsDocs);
        }

        List<SimReview> reviews = index.ReviewsByPull.GetValueOrDefault(number) ?? [];
        if (!api.World.ShowPendingReviews)
        {
            reviews = reviews.FindAll(r => r.State != ReviewStates.Pending);
        }

        RepoUrls urls = api.Json.UrlsOf(repo);
        return api.Page(request, ListView<SimReview>.Of(reviews), 2048, (w, review) =>
            ReviewJsonWriter.Write(w, api.Json, urls, review));
    }

    /// <summary>"popularity": by number of comments, then id (built per request; the index has no such order).</summary>
    private static List<SimPull> ByComments(RepoIndex index, StateFilter state, bool descending)
    {
        SortedIndex<SimPull> all = index.PullsCreated(state);
        var pulls = new List<SimPull>(all.Count);
        for (int i = 0; i < all.Count; i++)
        {
            pulls.Add(all[i]);
        }

        pulls.Sort((a, b) =>
        {
            int c = index.CommentCount(a.Number).CompareTo(index.CommentCount(b.Number));
            return c != 0 ? c : a.Id.CompareTo(b.Id);
        });
        if (descending)
        {
            pulls.Reverse();
        }

        return pulls;
    }

    private static PullFragments Fragments(Api api, SimRepository repo, RepoIndex index)
    {
        SimAccount owner = api.OwnerOf(repo);
        return new PullFragments(
            repo,
            api.Json.UrlsOf(repo),
            owner.Login,
            repo.DefaultBranch,
            api.Json.UserJson(owner),
            api.Json.RepoJson(repo, owner, index.OpenCount));
    }
}
