using Health.Core.GitHub.Dto;

namespace Health.Core.GitHub.GraphQL;

/// <summary>One page of issues read through GraphQL, with every comment (finished by follow-ups), as REST DTOs.</summary>
internal sealed class IssuePage : IGraphQLPage
{
    private readonly List<Item> _issues;

    public IssuePage(IEnumerable<IssueNode> nodes)
    {
        _issues = nodes.Select(n => new Item(n)).ToList();
        Unfinished = _issues.SelectMany(i => i.Start()).ToList();
    }

    public List<Unfinished> Unfinished { get; }

    public int Vanished => _issues.Count(i => i.Gone);

    public List<IssueDto> Issues => _issues.Where(i => !i.Gone).Select(i => NodeMapping.Issue(i.Node)).ToList();

    public List<(IssueCommentDto Dto, int? Number)> Comments =>
        _issues.Where(i => !i.Gone).SelectMany(i => i.Comments.Select(c => (NodeMapping.Comment(c), (int?)i.Node.Number))).ToList();

    private sealed class Item(IssueNode node)
    {
        public IssueNode Node => node;

        public List<CommentNode> Comments { get; } = [];

        public bool Gone { get; private set; }

        public List<Unfinished> Start() =>
            GraphQL.Unfinished.Follow("Issue.comments", node.Id, node.Comments, GraphQLJsonContext.Default.ConnectionCommentNode, Keep, () => Gone = true);

        private List<Unfinished> Keep(Connection<CommentNode> page)
        {
            Comments.AddRange((page.Nodes ?? []).OfType<CommentNode>());
            return [];
        }
    }
}
