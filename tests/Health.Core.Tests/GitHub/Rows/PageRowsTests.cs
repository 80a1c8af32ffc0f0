using Health.Core.GitHub.Dto;
using Health.Core.GitHub.Sync;
using Health.Core.GitHub.Sync.Rows;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Health.Testing;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Tests.GitHub.Rows;

/// <summary>The staging rule every kind of row follows (<see cref="PageRows"/>), on a real SQLite file.</summary>
public sealed class PageRowsTests
{
    private static readonly DateTime At = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static IssueDto Issue(long id, int number, DateTime? createdAt, UserDto? user = null) =>
        new(id, number, $"#{number}", user, "open", "NONE", createdAt, createdAt, null, null);

    [Fact]
    public async Task Stage_RepeatedItemStoredOnce_MalformedCountedOnceEach_StoredRowsCountedAsUpdated()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.NewDb();
        await db.Database.MigrateAsync();
        var repo = new TrackedRepository { Owner = "acme", Name = "widgets", FullNameKey = "acme/widgets" };
        db.Repositories.Add(repo);
        await db.SaveChangesAsync();
        db.Issues.Add(new Issue { Id = 3, RepositoryId = repo.Id, Number = 3, Title = "old", State = "open", CreatedAt = At, UpdatedAt = At });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var counts = new SyncCounts();
        var page = new PageContext(db, repo.Id, counts);
        var author = new UserDto(7, "ada", "User");
        IssueDto[] items =
        [
            Issue(1, 1, At, author),
            Issue(1, 1, At, author), // the same item twice on a page (GitHub's list moved while it was read): one row, not malformed
            Issue(2, 2, null), // no creation time: malformed, skipped
            Issue(2, 2, null),
            Issue(0, 4, At), Issue(0, 5, At), // no id (a node without a database id): two malformed items, not one
            Issue(3, 3, At.AddDays(1)),
        ];
        await IssueRows.StageAsync(page, items, CancellationToken.None);
        foreach (var write in page.Writes)
        {
            await write(CancellationToken.None);
        }

        Assert.Equal(3, counts.Malformed);
        Assert.Equal((1, 1), counts.ByKind[nameof(Issue)]);
        Assert.Equal([1, 3], page.Touched.Order());
        Assert.Equal(items.Length, page.Accounts.Count); // every item's author is upserted with the page
        var stored = await db.Issues.AsNoTracking().OrderBy(i => i.Id).Select(i => new { i.Id, i.Title, i.UpdatedAt }).ToListAsync();
        Assert.Equal([(1L, "#1", At), (3L, "#3", At.AddDays(1))], stored.Select(i => (i.Id, i.Title, i.UpdatedAt)));
    }
}
