using System.Globalization;
using System.Text;
using GitHubSimulator;

namespace Health.Testing.Reference;

/// <summary>Self-tests of the reference oracle on tiny hand-built worlds, each row worked out by hand.</summary>
public sealed class ReferenceMetricsTests
{
    private static readonly IReadOnlySet<string> ExtraBots = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "CI-Helper" };

    [Fact]
    public void Rows_HandBuiltMonth_MatchesTheRowWorkedOutByHand()
    {
        var w = new JuneWorld();

        // June 2025, bot PR #4 and bot issue #7 left out everywhere:
        // prs_opened 4 (#1 alice, #2 bob, #3 deleted author, #5 alice); merged 2 (#1, #3); closed unmerged 1 (#2);
        // merge_rate 2/3 = 0.6667; open at end 1 (#5).
        // First responses: #1 = carol's comment at 12:00 → 2 h (before it: a bot comment, alice answering herself,
        //   bob's PENDING review, ci-helper (extra bot), ghost and a null user — none count; created_at 10:00:00.999
        //   truncates to 10:00:00); #2 = carol's review → 1.5 h; #3 (deleted author) = alice → 6 h; #5 none
        //   (only a bot commented) → unanswered 1. Sorted 1.5, 2, 6: median 2.00; p90 h = 1.8 → 2 + 0.8 * 4 = 5.20.
        // First reviews: #1 bob 4 h, #2 carol 1.5 h → median 2.75. Merge: #1 24 h, #3 24 h → 24.00 / 24.00.
        // Issues: #6 carol and #8 by ghost (counted) → opened 2 (PRs are not issues); closed 1 (#6, 24 h);
        //   first response on #6: carol's own and the bot's skipped, bob at 03:00 → 3.00.
        // Contributors: alice, bob, carol (ci-helper, bots, ghost, null are not) → active 3, new 3.
        // Newcomers: alice (#1) and bob (#2) → 2; alice's #5 on 06-20 is within 90 days → retained 1;
        //   July 1 + 90 days = Sep 29 is after the last sync (June 30) → retention blank.
        // Newcomer PR merge rate: closed in June and first PR of its author: #1 merged, #2 not (#3 has no author)
        //   → 0.5000. Bus factor: merged with a known author = #1 only → 1.
        IReadOnlyList<string> rows = ReferenceMetrics.Rows(w.World, w.Repo, "month", w.Now, w.Now, ExtraBots);

        Assert.Equal(["acme/demo,2025-06-01,4,2,1,0.6667,1,2.00,5.20,1,2.75,24.00,24.00,2,1,3.00,24.00,3,3,2,1,,0.5000,1"], rows);
    }

    [Theory]
    [InlineData("2025-09-28 23:59:59", "")]
    [InlineData("2025-09-29 00:00:00", "0.5000")]
    public void Rows_LastSyncAroundPeriodEndPlus90Days_RetentionBlankUntilThen(string lastSync, string expected)
    {
        var w = new JuneWorld();

        // June ends 2025-07-01; + 90 days = 2025-09-29 00:00:00. Retained 1 of 2 newcomers either way.
        string row = ReferenceMetrics.Rows(w.World, w.Repo, "month", w.Now, T(lastSync), ExtraBots).Single();

        Assert.Equal("1", Cell(row, "newcomers_retained_90d"));
        Assert.Equal(expected, Cell(row, "newcomer_retention_90d"));
    }

    [Fact]
    public void Rows_SecondPrAtExactly90DaysVs90DaysPlusOneSecond_OnlyTheFirstIsRetained()
    {
        var world = new World();
        SimRepository repo = world.AddRepository("acme", "demo");
        SimAccount dave = world.AddAccount("dave");
        SimAccount erin = world.AddAccount("erin");
        // dave: 2025-01-01 00:00:00.700 → 2025-04-01 00:00:00.500, exactly 90 days once truncated to seconds.
        AddPull(repo, 1, dave, T("2025-01-01 00:00:00").AddMilliseconds(700));
        AddPull(repo, 2, dave, T("2025-04-01 00:00:00").AddMilliseconds(500));
        // erin: 2025-01-02 00:00:00 → 2025-04-02 00:00:01, 90 days and 1 second.
        AddPull(repo, 3, erin, T("2025-01-02 00:00:00"));
        AddPull(repo, 4, erin, T("2025-04-02 00:00:01"));

        IReadOnlyList<string> rows = ReferenceMetrics.Rows(world, repo, "month", T("2025-06-01 00:00:00"), T("2025-06-01 00:00:00"), ExtraBots);

        // January to June (the month holding now), quiet months as zeros and blanks.
        Assert.Equal(["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01"], rows.Select(r => Cell(r, "period_start")));
        // January: newcomers 2, retained 1 (dave), Feb 1 + 90 days = May 2 <= June 1 → 0.5000; active/new 2.
        Assert.Equal("acme/demo,2025-01-01,2,0,0,,2,,,2,,,,0,0,,,2,2,2,1,0.5000,,", rows[0]);
        // February: nothing happened; the two January PRs are still open.
        Assert.Equal("acme/demo,2025-02-01,0,0,0,,2,,,0,,,,0,0,,,0,0,0,0,,,", rows[1]);
        // April: two PRs opened (no newcomers: both authors had a first PR in January) → 4 open at the end.
        Assert.Equal("acme/demo,2025-04-01,2,0,0,,4,,,2,,,,0,0,,,2,0,0,0,,,", rows[3]);
    }

    [Fact]
    public void Rows_WeeksBetweenFromAndTo_AreTheIsoWeeksOverlappingThem()
    {
        var w = new JuneWorld();

        IReadOnlyList<string> all = ReferenceMetrics.Rows(w.World, w.Repo, "week", w.Now, w.Now, ExtraBots);
        IReadOnlyList<string> window = ReferenceMetrics.Rows(w.World, w.Repo, "week", w.Now, w.Now, ExtraBots, T("2025-06-04 00:00:00"), T("2025-06-09 00:00:00"));

        // First activity Monday 2025-06-02; now Monday 2025-06-30 12:00 → five weeks.
        Assert.Equal(["2025-06-02", "2025-06-09", "2025-06-16", "2025-06-23", "2025-06-30"], all.Select(r => Cell(r, "period_start")));
        // Wednesday 06-04 to Monday 06-09 (inclusive day) touch two ISO weeks.
        Assert.Equal(["2025-06-02", "2025-06-09"], window.Select(r => Cell(r, "period_start")));
        // Week of 06-02: #1 (alice) and #2 (bob) opened, #1 merged; week of 06-09: #3 opened and merged.
        Assert.Equal(("2", "1"), (Cell(window[0], "prs_opened"), Cell(window[0], "prs_merged")));
        Assert.Equal(("1", "1", ""), (Cell(window[1], "prs_opened"), Cell(window[1], "prs_merged"), Cell(window[1], "bus_factor")));
    }

    [Fact]
    public void Rows_TenMergedPrs_MedianP90BusFactorAndHalfAwayFromZero()
    {
        var world = new World();
        SimRepository repo = world.AddRepository("acme", "demo");
        SimAccount[] authors = [world.AddAccount("a"), world.AddAccount("b"), world.AddAccount("c"), world.AddAccount("d")];
        SimAccount reviewer = world.AddAccount("r");
        // Ten PRs merged after 1..10 hours, by a ×4, b ×3, c ×2, d ×1.
        int[] byAuthor = [0, 0, 0, 0, 1, 1, 1, 2, 2, 3];
        DateTime start = T("2025-03-03 00:00:00");
        for (int i = 0; i < 10; i++)
        {
            DateTime created = start.AddDays(i);
            AddPull(repo, i + 1, authors[byAuthor[i]], created, closed: created.AddHours(i + 1), merged: true);
            // Every PR answered after 7 min 30 s = 0.125 h, which rounds half away from zero to 0.13.
            AddComment(repo, i + 1, reviewer, created.AddSeconds(450));
        }

        string row = ReferenceMetrics.Rows(world, repo, "month", T("2025-03-31 00:00:00"), T("2025-03-31 00:00:00"), ExtraBots).Single();

        // Merge hours 1..10: median (5 + 6) / 2 = 5.50; p90 h = 8.1 → 9 + 0.1 * 1 = 9.10.
        Assert.Equal(("5.50", "9.10"), (Cell(row, "pr_merge_median_h"), Cell(row, "pr_merge_p90_h")));
        Assert.Equal(("0.13", "0.13"), (Cell(row, "pr_first_response_median_h"), Cell(row, "pr_first_response_p90_h")));
        // a (4) is under half of 10; a + b (7) reach it → 2.
        Assert.Equal("2", Cell(row, "bus_factor"));
        Assert.Equal(("1.0000", "1.0000"), (Cell(row, "merge_rate"), Cell(row, "newcomer_pr_merge_rate")));
        // Four authors are newcomers; the commenter r is a contributor too.
        Assert.Equal(("4", "5", "5"), (Cell(row, "newcomers"), Cell(row, "active_contributors"), Cell(row, "new_contributors")));
    }

    [Fact]
    public void GroupRows_AccountInTwoRepositories_CountedOnceWithItsEarliestPr()
    {
        var world = new World();
        SimRepository a = world.AddRepository("acme", "a");
        SimRepository b = world.AddRepository("acme", "b");
        SimAccount frank = world.AddAccount("frank");
        SimAccount gina = world.AddAccount("gina");
        AddPull(a, 1, frank, T("2025-01-10 00:00:00"));
        AddPull(b, 1, frank, T("2025-02-10 00:00:00"), closed: T("2025-02-11 00:00:00"));
        AddPull(b, 2, gina, T("2025-02-12 00:00:00"), closed: T("2025-02-13 00:00:00"), merged: true);
        DateTime now = T("2025-02-20 00:00:00");

        IReadOnlyList<string> group = ReferenceMetrics.GroupRows(world, [a, b], "acme, all", "month", now, now, ExtraBots);
        string bFeb = ReferenceMetrics.Rows(world, b, "month", now, now, ExtraBots).Single();
        string aJan = ReferenceMetrics.Rows(world, a, "month", now, now, ExtraBots)[0];

        // The group starts with a's January; its label needs RFC 4180 quotes.
        Assert.Equal(2, group.Count);
        Assert.StartsWith("\"acme, all\",2025-01-01,", group[0], StringComparison.Ordinal);
        // January: frank's first PR across the group; his PR in b (31 days later) retains him; a alone does not.
        Assert.Equal(("1", "1"), (Cell(group[0], "newcomers"), Cell(group[0], "newcomers_retained_90d")));
        Assert.Equal(("1", "0"), (Cell(aJan, "newcomers"), Cell(aJan, "newcomers_retained_90d")));
        // February: only gina is new to the group, while b alone sees two newcomers. Frank's closed PR is no first
        // PR in the group (1/1 merged) but is one in b (1/2). Counts are summed: 2 opened, open at end 1 (a #1).
        Assert.Equal(("1", "1.0000", "2", "1"), (Cell(group[1], "newcomers"), Cell(group[1], "newcomer_pr_merge_rate"), Cell(group[1], "prs_opened"), Cell(group[1], "open_prs_at_end")));
        Assert.Equal(("2", "0.5000", "0"), (Cell(bFeb, "newcomers"), Cell(bFeb, "newcomer_pr_merge_rate"), Cell(bFeb, "open_prs_at_end")));
        Assert.Equal(("2", "1"), (Cell(group[1], "active_contributors"), Cell(group[1], "new_contributors")));
    }

    [Fact]
    public void Csv_EmptyRepository_IsTheHeaderAlone()
    {
        var world = new World();
        SimRepository repo = world.AddRepository("acme", "empty");

        string csv = ReferenceMetrics.Csv(world, repo, "week", T("2025-06-01 00:00:00"), T("2025-06-01 00:00:00"), ExtraBots);

        Assert.Equal(ReferenceMetrics.Header + "\n", csv);
        Assert.Equal(24, ReferenceMetrics.Header.Split(',').Length);
    }

    [Fact]
    public void Csv_GeneratedWorld_RowsAddUpToTheWorldsCounts()
    {
        DateTime end = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);
        World world = WorldGenerator.Generate(new WorldOptions { Prs = 400, End = end, ExtraRepositories = 2, YearsOfHistory = 1 });
        SimRepository repo = world.Repo("acme", "widgets");
        bool Human(SimAccount? u) => u is null || (u.Type != "Bot" && !u.Login.EndsWith("[bot]", StringComparison.Ordinal) && u.Login != "ci-helper");

        string csv = ReferenceMetrics.Csv(world, repo, "week", end, end, ExtraBots);
        string[] lines = csv.Split('\n');
        string[] rows = lines[1..^1];
        IReadOnlyList<string> group = ReferenceMetrics.GroupRows(world, world.Repositories, "acme", "month", end, end, ExtraBots);

        Assert.Equal(ReferenceMetrics.Header, lines[0]);
        Assert.Equal("", lines[^1]);
        Assert.All(rows, r => Assert.Equal(24, r.Split(',').Length));
        Assert.Equal(rows.Select(r => Cell(r, "period_start")).Order(StringComparer.Ordinal), rows.Select(r => Cell(r, "period_start")));
        Assert.Equal(repo.Pulls.Count(p => Human(p.User)), rows.Sum(r => int.Parse(Cell(r, "prs_opened"), CultureInfo.InvariantCulture)));
        Assert.Equal(repo.Pulls.Count(p => Human(p.User) && p.MergedAt is not null), rows.Sum(r => int.Parse(Cell(r, "prs_merged"), CultureInfo.InvariantCulture)));
        Assert.Equal(repo.Issues.Count(i => Human(i.User)), rows.Sum(r => int.Parse(Cell(r, "issues_opened"), CultureInfo.InvariantCulture)));
        Assert.Equal(world.Repositories.Sum(x => x.Pulls.Count(p => Human(p.User))), group.Sum(r => int.Parse(Cell(r, "prs_opened"), CultureInfo.InvariantCulture)));
        Assert.Equal(repo.Pulls.Count(p => Human(p.User) && p.State == "open"), int.Parse(Cell(rows.Last(), "open_prs_at_end"), CultureInfo.InvariantCulture));
    }

    /// <summary>The world of the hand-worked June 2025 row (see the first test).</summary>
    private sealed class JuneWorld
    {
        public JuneWorld()
        {
            Repo = World.AddRepository("acme", "demo");
            SimAccount alice = World.AddAccount("alice");
            SimAccount bob = World.AddAccount("bob");
            SimAccount carol = World.AddAccount("carol");
            SimAccount dependabot = World.AddAccount("dependabot[bot]", AccountTypes.Bot);
            SimAccount ciHelper = World.AddAccount("ci-helper");
            SimAccount ghost = World.AddAccount("ghost");

            AddPull(Repo, 1, alice, T("2025-06-02 10:00:00").AddMilliseconds(999), closed: T("2025-06-03 10:00:00"), merged: true);
            AddComment(Repo, 1, dependabot, T("2025-06-02 10:30:00"));
            AddComment(Repo, 1, alice, T("2025-06-02 11:00:00"));
            AddReview(Repo, 1, bob, ReviewStates.Pending, null);
            AddReviewComment(Repo, 1, ciHelper, T("2025-06-02 11:30:00"));
            AddComment(Repo, 1, ghost, T("2025-06-02 11:45:00"));
            AddReviewComment(Repo, 1, null, T("2025-06-02 11:50:00"));
            AddComment(Repo, 1, carol, T("2025-06-02 12:00:00"));
            AddReview(Repo, 1, bob, ReviewStates.Approved, T("2025-06-02 14:00:00"));

            AddPull(Repo, 2, bob, T("2025-06-05 00:00:00"), closed: T("2025-06-06 00:00:00"));
            AddReview(Repo, 2, carol, ReviewStates.Commented, T("2025-06-05 01:30:00"));

            AddPull(Repo, 3, null, T("2025-06-10 00:00:00"), closed: T("2025-06-11 00:00:00"), merged: true);
            AddComment(Repo, 3, alice, T("2025-06-10 06:00:00"));

            AddPull(Repo, 4, dependabot, T("2025-06-12 00:00:00"), closed: T("2025-06-12 01:00:00"), merged: true);
            AddReview(Repo, 4, bob, ReviewStates.Approved, T("2025-06-12 00:30:00"));

            AddPull(Repo, 5, alice, T("2025-06-20 00:00:00"));
            AddComment(Repo, 5, dependabot, T("2025-06-20 00:05:00"));

            AddIssue(Repo, 6, carol, T("2025-06-15 00:00:00"), closed: T("2025-06-16 00:00:00"));
            AddComment(Repo, 6, carol, T("2025-06-15 01:00:00"));
            AddComment(Repo, 6, dependabot, T("2025-06-15 02:00:00"));
            AddComment(Repo, 6, bob, T("2025-06-15 03:00:00"));
            AddIssue(Repo, 7, dependabot, T("2025-06-17 00:00:00"));
            AddIssue(Repo, 8, ghost, T("2025-06-18 00:00:00"));
        }

        public World World { get; } = new();
        public SimRepository Repo { get; }
        public DateTime Now { get; } = T("2025-06-30 12:00:00");
    }

    private static DateTime T(string s) =>
        DateTime.ParseExact(s, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static void AddPull(SimRepository repo, int number, SimAccount? user, DateTime created, DateTime? closed = null, bool merged = false) =>
        repo.Pulls.Add(new SimPull
        {
            Id = 5_000 + number,
            Number = number,
            User = user,
            CreatedAt = created,
            UpdatedAt = closed ?? created,
            State = closed is null ? ItemStates.Open : ItemStates.Closed,
            ClosedAt = closed,
            MergedAt = merged ? closed : null,
        });

    private static void AddIssue(SimRepository repo, int number, SimAccount? user, DateTime created, DateTime? closed = null) =>
        repo.Issues.Add(new SimIssue
        {
            Id = 7_000 + number,
            Number = number,
            User = user,
            CreatedAt = created,
            UpdatedAt = closed ?? created,
            State = closed is null ? ItemStates.Open : ItemStates.Closed,
            ClosedAt = closed,
        });

    private static void AddComment(SimRepository repo, int number, SimAccount? user, DateTime at) =>
        repo.IssueComments.Add(new SimIssueComment { Id = 9_000 + repo.IssueComments.Count, IssueNumber = number, User = user, CreatedAt = at, UpdatedAt = at });

    private static void AddReviewComment(SimRepository repo, int number, SimAccount? user, DateTime at) =>
        repo.ReviewComments.Add(new SimReviewComment { Id = 11_000 + repo.ReviewComments.Count, PullNumber = number, User = user, CreatedAt = at, UpdatedAt = at });

    private static void AddReview(SimRepository repo, int number, SimAccount? user, string state, DateTime? submitted) =>
        repo.Reviews.Add(new SimReview { Id = 13_000 + repo.Reviews.Count, PullNumber = number, User = user, State = state, SubmittedAt = submitted });

    /// <summary>The cell of <paramref name="column"/> in a CSV row (RFC 4180 quotes understood).</summary>
    private static string Cell(string row, string column)
    {
        int index = Array.IndexOf(ReferenceMetrics.Header.Split(','), column);
        Assert.True(index >= 0, $"no column {column}");
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < row.Length; i++)
        {
            char c = row[i];
            if (quoted && c == '"' && i + 1 < row.Length && row[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        Assert.Equal(24, cells.Count);
        return cells[index];
    }
}
