using System.Globalization;
using System.Text.Json;
using GitHubSimulator;

namespace Health.Core.Tests.Simulator;

/// <summary>Asserts that GraphQL nodes carry exactly the world's values (read under the world lock).</summary>
internal static class GraphQLExpected
{
    public static void Pull(World world, SimRepository repo, JsonElement node, int children, int threadComments)
    {
        lock (world.SyncRoot)
        {
            SimPull pull = repo.Pulls.Single(p => p.Id.ToString(CultureInfo.InvariantCulture) == node.GetProperty("fullDatabaseId").GetString());
            Assert.StartsWith("PR_", node.GetProperty("id").GetString(), StringComparison.Ordinal);
            Assert.Equal(pull.Number, node.GetProperty("number").GetInt32());
            Assert.Equal(pull.Title, node.GetProperty("title").GetString());
            Assert.Equal(pull.Body, node.GetProperty("body").GetString());
            Assert.Equal(pull.MergedAt is not null ? "MERGED" : pull.State == "open" ? "OPEN" : "CLOSED", node.GetProperty("state").GetString());
            Assert.Equal(pull.Draft, node.GetProperty("isDraft").GetBoolean());
            Assert.Equal(pull.AuthorAssociation, node.GetProperty("authorAssociation").GetString());
            Assert.Equal(Time(pull.CreatedAt), node.GetProperty("createdAt").GetString());
            Assert.Equal(Time(pull.UpdatedAt), node.GetProperty("updatedAt").GetString());
            Assert.Equal(Time(pull.ClosedAt), node.GetProperty("closedAt").GetString());
            Assert.Equal(Time(pull.MergedAt), node.GetProperty("mergedAt").GetString());
            Assert.Equal(pull.Additions, node.GetProperty("additions").GetInt32());
            Assert.Equal(pull.Deletions, node.GetProperty("deletions").GetInt32());
            Assert.Equal(pull.ChangedFiles, node.GetProperty("changedFiles").GetInt32());
            Actor(pull.User, node.GetProperty("author"));
            Assert.Equal(pull.Labels.Take(children), Nodes(node, "labels").Select(l => l.GetProperty("name").GetString()!));

            RepoIndex index = repo.GetIndex();
            List<SimReview> reviews = (index.ReviewsByPull.GetValueOrDefault(pull.Number) ?? [])
                .Where(r => world.ShowPendingReviews || r.State != "PENDING").ToList();
            Connection(node.GetProperty("reviews"), reviews.Count > children);
            AssertEach(reviews.Take(children), Nodes(node, "reviews"), (review, json) =>
            {
                Assert.Equal(Id(review.Id), json.GetProperty("fullDatabaseId").GetString());
                Assert.Equal(review.State, json.GetProperty("state").GetString());
                Assert.Equal(Time(review.SubmittedAt), json.GetProperty("submittedAt").GetString());
                Actor(review.User, json.GetProperty("author"));
            });

            Comments(repo, pull.Number, node.GetProperty("comments"), children);
            Threads(repo, pull.Number, node.GetProperty("reviewThreads"), children, threadComments);
        }
    }

    public static void Issue(World world, SimRepository repo, JsonElement node, int children)
    {
        lock (world.SyncRoot)
        {
            SimIssue issue = repo.Issues.Single(i => Id(i.Id) == node.GetProperty("fullDatabaseId").GetString());
            Assert.StartsWith("I_", node.GetProperty("id").GetString(), StringComparison.Ordinal);
            Assert.Equal(issue.Number, node.GetProperty("number").GetInt32());
            Assert.Equal(issue.Title, node.GetProperty("title").GetString());
            Assert.Equal(issue.State.ToUpperInvariant(), node.GetProperty("state").GetString());
            Assert.Equal(issue.AuthorAssociation, node.GetProperty("authorAssociation").GetString());
            Assert.Equal(Time(issue.CreatedAt), node.GetProperty("createdAt").GetString());
            Assert.Equal(Time(issue.UpdatedAt), node.GetProperty("updatedAt").GetString());
            Assert.Equal(Time(issue.ClosedAt), node.GetProperty("closedAt").GetString());
            Actor(issue.User, node.GetProperty("author"));
            Comments(repo, issue.Number, node.GetProperty("comments"), children);
        }
    }

    /// <summary>A User/Bot/Organization with its database id; a bot's login without "[bot]"; a deleted account as null.</summary>
    public static void Actor(SimAccount? account, JsonElement json)
    {
        // A deleted account: REST shows the placeholder ghost, GraphQL shows no author.
        if (account is null || account.Login == "ghost")
        {
            Assert.Equal(JsonValueKind.Null, json.ValueKind);
            return;
        }

        Assert.Equal(account.Type, json.GetProperty("__typename").GetString());
        Assert.Equal(account.Type == "Bot" ? account.Login.Replace("[bot]", "", StringComparison.Ordinal) : account.Login, json.GetProperty("login").GetString());
        Assert.Equal(account.Id, json.GetProperty("databaseId").GetInt64());
    }

    public static void Comments(SimRepository repo, int number, JsonElement connection, int first)
    {
        List<SimIssueComment> comments = repo.IssueComments.Where(c => c.IssueNumber == number).OrderBy(c => c.Id).ToList();
        Connection(connection, comments.Count > first);
        AssertEach(comments.Take(first), connection.GetProperty("nodes").EnumerateArray(), (comment, json) =>
        {
            Assert.Equal(Id(comment.Id), json.GetProperty("fullDatabaseId").GetString());
            Assert.Equal(Time(comment.CreatedAt), json.GetProperty("createdAt").GetString());
            Assert.Equal(Time(comment.UpdatedAt), json.GetProperty("updatedAt").GetString());
            Actor(comment.User, json.GetProperty("author"));
        });
    }

    /// <summary>Threads: the review comments sharing (path, line), ordered by their first comment, comments by id.</summary>
    public static void Threads(SimRepository repo, int number, JsonElement connection, int first, int perThread)
    {
        List<List<SimReviewComment>> threads = repo.ReviewComments.Where(c => c.PullNumber == number).OrderBy(c => c.Id)
            .GroupBy(c => (c.Path, c.Line)).Select(g => g.ToList()).OrderBy(g => g[0].Id).ToList();
        Connection(connection, threads.Count > first);
        AssertEach(threads.Take(first), connection.GetProperty("nodes").EnumerateArray(), (thread, json) =>
        {
            Assert.StartsWith("PRRT_", json.GetProperty("id").GetString(), StringComparison.Ordinal);
            JsonElement comments = json.GetProperty("comments");
            Connection(comments, thread.Count > perThread);
            AssertEach(thread.Take(perThread), comments.GetProperty("nodes").EnumerateArray(), (comment, c) => ReviewComment(repo, comment, c));
        });
    }

    public static void ReviewComment(SimRepository repo, SimReviewComment comment, JsonElement json)
    {
        Assert.Equal(Id(comment.Id), json.GetProperty("fullDatabaseId").GetString());
        Assert.Equal(Time(comment.CreatedAt), json.GetProperty("createdAt").GetString());
        Assert.Equal(Time(comment.UpdatedAt), json.GetProperty("updatedAt").GetString());
        Actor(comment.User, json.GetProperty("author"));
        JsonElement review = json.GetProperty("pullRequestReview");
        if (comment.ReviewId is { } reviewId && repo.Reviews.Any(r => r.Id == reviewId))
        {
            Assert.Equal(Id(reviewId), review.GetProperty("fullDatabaseId").GetString());
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, review.ValueKind);
        }
    }

    public static IEnumerable<JsonElement> Nodes(JsonElement node, string connection) =>
        node.GetProperty(connection).GetProperty("nodes").EnumerateArray();

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static string? Time(DateTime? time) => time?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Connection(JsonElement connection, bool hasNextPage) =>
        Assert.Equal(hasNextPage, connection.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());

    private static void AssertEach<T>(IEnumerable<T> expected, IEnumerable<JsonElement> actual, Action<T, JsonElement> check)
    {
        List<T> want = expected.ToList();
        List<JsonElement> got = actual.ToList();
        Assert.Equal(want.Count, got.Count);
        for (int i = 0; i < want.Count; i++)
        {
            check(want[i], got[i]);
        }
    }
}
