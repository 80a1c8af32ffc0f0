using Health.Core.GitHub.Dto;

namespace Health.Core.GitHub.GraphQL;

/// <summary>
/// One page of pull requests read through GraphQL, its children gathered from the page and from the follow-ups that finish
/// them, then handed over as REST DTOs: the pull requests, each one's complete reviews, its comments and review comments.
/// A pull request that vanished before its children were complete is left out of the page (the next sync reads it if it returns).
/// </summary>
internal sealed class PullRequestPage : IGraphQLPage
{
    private readonly List<Pull> _pulls;

    public PullRequestPage(IEnumerable<PullRequestNode> nodes)
    {
        _pulls = nodes.Select(n => new Pull(n)).ToList();
        Unfinished = _pulls.SelectMany(p => p.Start()).ToList();
    }

    /// <summary>The connections this page left unfinished; <see cref="ContinuationBatches"/> finishes them.</summary>
    public List<Unfinished> Unfinished { get; }

    public int Vanished => _pulls.Count(p => p.Gone);

    public List<PullDto> Pulls => _pulls.Where(p => !p.Gone).Select(p => NodeMapping.Pull(p.Node, p.Labels)).ToList();

    /// <summary>Every pull request's reviews, complete, by number (so reviews GitHub no longer lists leave our copy too).</summary>
    public Dictionary<int, List<ReviewDto>> Reviews => _pulls.Where(p => !p.Gone).ToDictionary(p => p.Node.Number, p => p.Reviews.Select(NodeMapping.Review).ToList());

    public List<(IssueCommentDto Dto, int? Number)> Comments =>
        _pulls.Where(p => !p.Gone).SelectMany(p => p.Comments.Select(c => (NodeMapping.Comment(c), (int?)p.Node.Number))).ToList();

    public List<(ReviewCommentDto Dto, int? Number)> ReviewComments =>
        _pulls.Where(p => !p.Gone).SelectMany(p => p.ReviewComments.Select(c => (NodeMapping.ReviewComment(c), (int?)p.Node.Number))).ToList();

    private sealed class Pull(PullRequestNode node)
    {
        public PullRequestNode Node => node;

        public List<LabelNode> Labels { get; } = [];

        public List<ReviewNode> Reviews { get; } = [];

        public List<CommentNode> Comments { get; } = [];

        public List<ReviewCommentNode> ReviewComments { get; } = [];

        public bool Gone { get; private set; }

        public List<Unfinished> Start()
        {
            var c = GraphQLJsonContext.Default;
            var work = new List<Unfinished>();
            work.AddRange(GraphQL.Unfinished.Follow("PullRequest.labels", node.Id, node.Labels, c.ConnectionLabelNode, Keep(Labels), Vanish));
            work.AddRange(GraphQL.Unfinished.Follow("PullRequest.reviews", node.Id, node.Reviews, c.ConnectionReviewNode, Keep(Reviews), Vanish));
            work.AddRange(GraphQL.Unfinished.Follow("PullRequest.comments", node.Id, node.Comments, c.ConnectionCommentNode, Keep(Comments), Vanish));
            work.AddRange(GraphQL.Unfinished.Follow("PullRequest.reviewThreads", node.Id, node.ReviewThreads, c.ConnectionThreadNode, Threads, Vanish));
            return work;
        }

        /// <summary>A page of threads: each thread's first comments, and the work that finishes the longer threads.</summary>
        private List<Unfinished> Threads(Connection<ThreadNode> page) =>
            (page.Nodes ?? []).OfType<ThreadNode>()
                .SelectMany(t => GraphQL.Unfinished.Follow("PullRequestReviewThread.comments", t.Id, t.Comments, GraphQLJsonContext.Default.ConnectionReviewCommentNode, Keep(ReviewComments), static () => { }))
                .ToList();

        private static Func<Connection<T>, List<Unfinished>> Keep<T>(List<T> into) => page =>
        {
            into.AddRange((page.Nodes ?? []).OfType<T>());
            return [];
        };

        private void Vanish() => Gone = true;
    }
}
