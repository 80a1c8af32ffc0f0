namespace GitHubSimulator;

/// <summary>A pull request's review threads: its review comments grouped by (path, line), ordered by their first comment.</summary>
internal static class ReviewThreads
{
    public static List<ThreadNode> Of(SimRepository repo, RepoIndex index, SimPull pull)
    {
        if (!index.ReviewCommentsByPull.TryGetValue(pull.Number, out List<SimReviewComment>? comments) || comments.Count == 0)
        {
            return [];
        }

        var groups = new Dictionary<(string Path, int Line), List<SimReviewComment>>();
        var order = new List<List<SimReviewComment>>();
        foreach (SimReviewComment comment in comments)
        {
            if (!groups.TryGetValue((comment.Path, comment.Line), out List<SimReviewComment>? group))
            {
                group = [];
                groups[(comment.Path, comment.Line)] = group;
                order.Add(group);
            }

            group.Add(comment);
        }

        return order.ConvertAll(g => new ThreadNode(repo, pull, g[0].Path, g[0].Line, g));
    }
}
