using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Health.Core.Storage;

/// <summary>Health's database: what is tracked, what was collected, and where each sync stands.</summary>
public sealed class HealthDb(DbContextOptions<HealthDb> options) : DbContext(options)
{
    public DbSet<TrackedRepository> Repositories => Set<TrackedRepository>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<PullRequest> PullRequests => Set<PullRequest>();

    public DbSet<Review> Reviews => Set<Review>();

    public DbSet<IssueComment> IssueComments => Set<IssueComment>();

    public DbSet<ReviewComment> ReviewComments => Set<ReviewComment>();

    public DbSet<Issue> Issues => Set<Issue>();

    public DbSet<SyncCursor> SyncCursors => Set<SyncCursor>();

    public DbSet<SyncStatus> SyncStatuses => Set<SyncStatus>();

    public DbSet<ActivityDay> ActivityDays => Set<ActivityDay>();

    public DbSet<DerivedState> DerivedStates => Set<DerivedState>();

    public DbSet<StoredRows> StoredRows => Set<StoredRows>();

    public DbSet<ReportSchedule> ReportSchedules => Set<ReportSchedule>();

    public DbSet<ReportRun> ReportRuns => Set<ReportRun>();

    public DbSet<ReportDelivery> ReportDeliveries => Set<ReportDelivery>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite keeps no kind, so stamp it back on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TrackedRepository>(e =>
        {
            e.HasIndex(r => r.FullNameKey).IsUnique();
            e.HasIndex(r => r.GitHubId);
            e.Property(r => r.Owner).HasMaxLength(39);
            e.Property(r => r.Name).HasMaxLength(100);
            e.Property(r => r.FullNameKey).HasMaxLength(140);
            e.Ignore(r => r.FullName);
            e.Ignore(r => r.IsTracked);
            e.Property(r => r.Cron).HasMaxLength(200);
            e.Property(r => r.TimeZone).HasMaxLength(100);
        });
        modelBuilder.Entity<Account>(e =>
        {
            e.Property(a => a.Id).ValueGeneratedNever();
            e.HasIndex(a => a.Login);
        });
        modelBuilder.Entity<PullRequest>(e =>
        {
            e.Property(p => p.Id).ValueGeneratedNever();
            e.HasIndex(p => new { p.RepositoryId, p.Number }).IsUnique();
            e.HasIndex(p => new { p.RepositoryId, p.CreatedAt });
            e.HasIndex(p => new { p.RepositoryId, p.FactsSequence });

            // The waiting list (open, unanswered, oldest first) and its count read only what waits, not every PR.
            e.HasIndex(p => new { p.RepositoryId, p.CreatedAt }, "IX_PullRequests_Waiting").HasFilter("\"State\" = 'open' AND \"FirstResponseAt\" IS NULL");
            e.HasOne<TrackedRepository>().WithMany().HasForeignKey(p => p.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Review>(e =>
        {
            e.Property(r => r.Id).ValueGeneratedNever();
            e.HasIndex(r => new { r.RepositoryId, r.PullNumber });
            e.HasOne<TrackedRepository>().WithMany().HasForeignKey(r => r.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<IssueComment>(e =>
        {
            e.Property(c => c.Id).ValueGeneratedNever();
            e.HasIndex(c => new { c.RepositoryId, c.Number });
            e.HasOne<TrackedRepository>().WithMany().HasForeignKey(c => c.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ReviewComment>(e =>
        {
            e.Property(c => c.Id).ValueGeneratedNever();
            e.HasIndex(c => new { c.RepositoryId, c.PullNumber });
            e.HasOne<TrackedRepository>().WithMany().HasForeignKey(c => c.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Issue>(e =>
        {
            e.Property(i => i.Id).ValueGeneratedNever();
            e.HasIndex(i => new { i.RepositoryId, i.Number }).IsUnique();
            e.HasIndex(i => new { i.RepositoryId, i.CreatedAt });
            e.HasIndex(i => new { i.RepositoryId, i.FactsSequence });
            e.HasIndex(i => new { i.RepositoryId, i.CreatedAt }, "IX_Issues_Waiting").HasFilter("\"State\" = 'open' AND \"FirstResponseAt\" IS NULL");
            e.HasOne<TrackedRepository>().WithMany().HasForeignKey(i => i.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<SyncCursor>(e =>
        {
            e.HasKey(c => new { c.RepositoryId, c.Stream });
            e.HasOne<TrackedRepository>().WithMany().HasForeignKey(c => c.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ActivityDay>(e =>
        {
            e.HasKey(a => new { a.RepositoryId, a.Day, a.AccountId });
            e.HasIndex(a => new { a.RepositoryId, a.Sequence });
            e.HasOne<TrackedRepository>().WithMany().HasForeignKey(a => a.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DerivedState>(e =>
        {
            e.HasKey(d => d.RepositoryId);
            e.HasOne<TrackedRepository>().WithMany().HasForeignKey(d => d.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<StoredRows>(e =>
        {
            e.HasKey(s => new { s.RepositoryId, s.Range });
            e.Property(s => s.Range).HasMaxLength(100);
            e.Property(s => s.Version).HasMaxLength(200);
            e.HasOne<TrackedRepository>().WithMany().HasForeignKey(s => s.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<SyncStatus>(e =>
        {
            e.HasKey(s => s.RepositoryId);
            e.HasOne<TrackedRepository>().WithMany().HasForeignKey(s => s.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ReportSchedule>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.Scope).HasMaxLength(2000);
            e.Property(s => s.Cron).HasMaxLength(200);
            e.Property(s => s.TimeZone).HasMaxLength(100);
            e.Property(s => s.Recipients).HasMaxLength(4000);
            e.Property(s => s.WebhookUrl).HasMaxLength(2000);
        });
        modelBuilder.Entity<ReportRun>(e =>
        {
            // A scheduled report is made once per schedule and period: a job that runs again finds the same run.
            e.HasIndex(r => new { r.ScheduleId, r.PeriodKind, r.PeriodStart }).IsUnique().HasFilter($"\"{nameof(ReportRun.Trigger)}\" = {(int)ReportTrigger.Scheduled}");
            e.HasIndex(r => r.GeneratedAt);
            e.HasOne<ReportSchedule>().WithMany().HasForeignKey(r => r.ScheduleId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(r => r.Deliveries).WithOne().HasForeignKey(d => d.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ReportDelivery>(e => e.HasIndex(d => new { d.RunId, d.Channel }).IsUnique());
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime()) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
