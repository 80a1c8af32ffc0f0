using Health.Core.Metrics.Formulas;

namespace Health.Core.Tests.Metrics.Formulas;

public class FirstResponseTests
{
    private const long Author = 100, Maintainer = 200, Other = 300, BotAccount = 900;

    private static readonly DateTime Created = new(2024, 5, 6, 10, 0, 0, DateTimeKind.Utc);

    private static ResponseCandidate Comment(long? actor, double hoursAfter, bool bot = false, bool deleted = false) =>
        new(actor, bot, deleted, Created.AddHours(hoursAfter), ResponseKind.IssueComment, null);

    private static ResponseCandidate Review(long? actor, double? hoursAfter, string? state = "APPROVED") =>
        new(actor, false, false, hoursAfter is { } h ? Created.AddHours(h) : null, ResponseKind.Review, state);

    [Fact]
    public void Find_NoCandidates_IsNull()
    {
        Assert.Null(FirstResponse.Find(Created, Author, []));
    }

    [Fact]
    public void Find_BotCommentBeforeHumanAnswer_IsHumanAnswer()
    {
        ResponseCandidate[] candidates = [Comment(BotAccount, 0.1, bot: true), Comment(Maintainer, 5)];

        Assert.Equal(Created.AddHours(5), FirstResponse.Find(Created, Author, candidates));
    }

    [Fact]
    public void Find_AuthorAnsweringThemself_IsIgnored()
    {
        ResponseCandidate[] candidates = [Comment(Author, 1), Review(Author, 2, "COMMENTED"), Comment(Other, 3)];

        Assert.Equal(Created.AddHours(3), FirstResponse.Find(Created, Author, candidates));
    }

    [Fact]
    public void Find_OnlyAuthorAndBots_IsNull()
    {
        ResponseCandidate[] candidates = [Comment(Author, 1), Comment(BotAccount, 2, bot: true)];

        Assert.Null(FirstResponse.Find(Created, Author, candidates));
    }

    [Fact]
    public void Find_PendingReview_IsIgnored()
    {
        ResponseCandidate[] candidates = [Review(Maintainer, 1, "PENDING"), Review(Maintainer, 4, "CHANGES_REQUESTED")];

        Assert.Equal(Created.AddHours(4), FirstResponse.Find(Created, Author, candidates));
    }

    [Fact]
    public void Find_ReviewWithoutTime_IsIgnored()
    {
        ResponseCandidate[] candidates = [Review(Maintainer, null, "COMMENTED"), Comment(Other, 6)];

        Assert.Equal(Created.AddHours(6), FirstResponse.Find(Created, Author, candidates));
    }

    [Fact]
    public void Find_DeletedAccount_IsIgnored()
    {
        ResponseCandidate[] candidates = [Comment(null, 1), Comment(Other, 2, deleted: true), Comment(Maintainer, 7)];

        Assert.Equal(Created.AddHours(7), FirstResponse.Find(Created, Author, candidates));
    }

    [Fact]
    public void Find_CandidatesOutOfOrder_IsEarliest()
    {
        ResponseCandidate[] candidates =
        [
            Comment(Maintainer, 9),
            new(Other, false, false, Created.AddHours(2), ResponseKind.ReviewComment, null),
            Review(Maintainer, 3, "DISMISSED"),
        ];

        Assert.Equal(Created.AddHours(2), FirstResponse.Find(Created, Author, candidates));
    }

    [Fact]
    public void Find_ResponseBeforeCreation_IsClampedToCreation()
    {
        ResponseCandidate[] candidates = [Comment(Maintainer, -0.5), Comment(Other, 1)];

        var found = FirstResponse.Find(Created, Author, candidates);

        Assert.Equal(Created, found);
        Assert.Equal(0.0, Hours.Between(Created, found!.Value));
    }

    [Fact]
    public void Find_UnknownAuthor_CountsEveryQualifyingAccount()
    {
        Assert.Equal(Created.AddHours(1), FirstResponse.Find(Created, null, [Comment(Author, 1)]));
    }

    [Fact]
    public void FindReview_CommentsBeforeReview_IsReview()
    {
        ResponseCandidate[] candidates =
        [
            Comment(Maintainer, 1),
            new(Other, false, false, Created.AddHours(2), ResponseKind.ReviewComment, null),
            Review(BotAccount, 3) with { ActorIsBot = true },
            Review(Maintainer, 4, "PENDING"),
            Review(Author, 5),
            Review(Other, 8, "COMMENTED"),
        ];

        Assert.Equal(Created.AddHours(8), FirstResponse.FindReview(Created, Author, candidates));
    }

    [Fact]
    public void FindReview_OnlyComments_IsNull()
    {
        Assert.Null(FirstResponse.FindReview(Created, Author, [Comment(Maintainer, 1)]));
    }

    [Fact]
    public void Counts_LowercasePending_IsIgnored()
    {
        Assert.False(FirstResponse.Counts(Review(Maintainer, 1, "pending"), Author));
        Assert.True(FirstResponse.Counts(Review(Maintainer, 1, null), Author));
    }
}
