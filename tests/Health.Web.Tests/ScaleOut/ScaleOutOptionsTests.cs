using System.Text;
using Health.Core.GitHub.Sync;
using Health.Core.Storage;
using Health.Web.Hosting;
using Health.Web.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Health.Web.Tests.ScaleOut;

/// <summary><c>Health:Roles</c>, <c>Jobs:Storage</c> and <c>Jobs:InvisibilityTimeout</c>: every problem stops the start, naming its key.</summary>
public sealed class ScaleOutOptionsTests
{
    [Theory]
    [InlineData(null, true, true)]
    [InlineData("web", true, false)]
    [InlineData("worker", false, true)]
    [InlineData("Worker,web", true, true)]
    public void Read_Roles_WebAndWorkerAsListed(string? roles, bool web, bool worker)
    {
        var problems = new List<string>();
        var read = ProcessRoles.Read(Config(roles is null ? [] : new() { ["Health:Roles"] = roles }), problems);

        Assert.Empty(problems);
        Assert.Equal((web, worker), (read.Web, read.Worker));
    }

    [Fact]
    public void Read_RolesAsList_WebAndWorkerAsListed()
    {
        var read = ProcessRoles.Read(Config(new() { ["Health:Roles:0"] = "worker" }));

        Assert.Equal((false, true), (read.Web, read.Worker));
    }

    [Fact]
    public void Validate_UnknownRole_NamesTheKeyAndTheRole()
    {
        var failures = Validate(Config(new() { ["Health:Roles:0"] = "web", ["Health:Roles:1"] = "cook" }), DatabaseProvider.Postgres);

        var failure = Assert.Single(failures);
        Assert.Contains("Health:Roles", failure, StringComparison.Ordinal);
        Assert.Contains("'cook'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyRoles_NamesTheKey()
    {
        var failure = Assert.Single(Validate(Config(new() { ["Health:Roles"] = "" }), DatabaseProvider.Postgres));

        Assert.StartsWith("Health:Roles is empty", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyJsonList_NamesTheKey()
    {
        var json = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("""{ "Health": { "Roles": [] } }"""))).Build();

        var failure = Assert.Single(Validate(json, DatabaseProvider.Postgres));

        Assert.StartsWith("Health:Roles is empty", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("web")]
    [InlineData("worker")]
    public void Validate_OneRoleOnSqlite_NamesRolesAndDatabaseProvider(string role)
    {
        var failure = Assert.Single(Validate(Config(new() { ["Health:Roles:0"] = role }), DatabaseProvider.Sqlite));

        Assert.Contains("Health:Roles", failure, StringComparison.Ordinal);
        Assert.Contains("Database:Provider", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BothRolesOnSqlite_Succeeds()
    {
        Assert.Empty(Validate(Config(new() { ["Health:Roles:0"] = "web", ["Health:Roles:1"] = "worker" }), DatabaseProvider.Sqlite));
        Assert.Empty(Validate(Config([]), DatabaseProvider.Sqlite));
    }

    [Theory]
    [InlineData(JobStorageKind.Auto, DatabaseProvider.Sqlite, JobStorageKind.Sqlite)]
    [InlineData(JobStorageKind.Auto, DatabaseProvider.Postgres, JobStorageKind.Postgres)]
    [InlineData(JobStorageKind.Sqlite, DatabaseProvider.Postgres, JobStorageKind.Sqlite)]
    [InlineData(JobStorageKind.InMemory, DatabaseProvider.Postgres, JobStorageKind.InMemory)]
    public void StorageFor_Auto_FollowsTheDatabase(JobStorageKind storage, DatabaseProvider database, JobStorageKind expected)
    {
        Assert.Equal(expected, new JobsOptions { Storage = storage }.StorageFor(database));
    }

    [Fact]
    public void Validate_PostgresJobsOnSqliteDatabase_NamesStorageAndProvider()
    {
        var failure = Assert.Single(ValidateJobs(new JobsOptions { Storage = JobStorageKind.Postgres }, DatabaseProvider.Sqlite, Config([])));

        Assert.StartsWith("Jobs:Storage is Postgres", failure, StringComparison.Ordinal);
        Assert.Contains("Database:Provider", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(JobStorageKind.Sqlite)]
    [InlineData(JobStorageKind.InMemory)]
    public void Validate_RolesApartWithJobsNotInPostgres_NamesStorage(JobStorageKind storage)
    {
        var failure = Assert.Single(ValidateJobs(new JobsOptions { Storage = storage }, DatabaseProvider.Postgres, Config(new() { ["Health:Roles:0"] = "worker" })));

        Assert.Contains("Jobs:Storage must be Auto or Postgres", failure, StringComparison.Ordinal);
        Assert.Empty(ValidateJobs(new JobsOptions { Storage = storage }, DatabaseProvider.Postgres, Config([])));
    }

    [Theory]
    [InlineData("00:00:04.999")]
    [InlineData("00:00:00")]
    [InlineData("01:00:01")]
    public void Validate_InvisibilityTimeoutOutOfRange_NamesTheKey(string timeout)
    {
        var failure = Assert.Single(ValidateJobs(new JobsOptions { InvisibilityTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) }, DatabaseProvider.Postgres, Config([])));

        Assert.StartsWith("Jobs:InvisibilityTimeout must be between 00:00:05 and 01:00:00", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WebRoleOnSqlite_StopsNamingRolesAndDatabaseProvider()
    {
        var directory = Directory.CreateTempSubdirectory("health-roles-").FullName;
        try
        {
            // The real executable, as an operator starts it: it must exit before it listens, saying why.
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => AppProcess.StartAsync(
                "web on SQLite",
                new Dictionary<string, string?>
                {
                    ["ConnectionStrings:Health"] = $"Data Source={Path.Combine(directory, "health.db")}",
                    ["Jobs:Storage"] = "InMemory",
                    ["Health:Roles:0"] = "web",
                },
                TimeSpan.FromMinutes(1)));

            Assert.Contains("exited before it listened", e.Message, StringComparison.Ordinal);
            Assert.Contains("Health:Roles is web", e.Message, StringComparison.Ordinal);
            Assert.Contains("Database:Provider is Sqlite", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void SyncLease_InTheApp_IsHalfTheInvisibilityTimeout()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Jobs:InvisibilityTimeout"] = "00:00:30", ["Jobs:Storage"] = "InMemory" });
        builder.Services.AddSingleton(new DatabaseOptions());
        builder.AddJobs();
        using var host = builder.Build();

        Assert.Equal(TimeSpan.FromSeconds(15), host.Services.GetRequiredService<IOptions<SyncLeaseOptions>>().Value.Duration);
        Assert.Equal(new JobsOptions().SyncLeaseDuration, new SyncLeaseOptions().Duration); // the CLI's lease: the default invisibility's
    }

    /// <summary>The failures of the options validations that stopped the start (however the host wrapped them).</summary>
    private static List<string> ValidationFailures(Exception? thrown)
    {
        var failures = new List<string>();
        var pending = new Stack<Exception>(thrown is null ? [] : [thrown]);
        while (pending.TryPop(out var e))
        {
            if (e is OptionsValidationException validation)
            {
                failures.AddRange(validation.Failures);
            }

            foreach (var inner in e is AggregateException a ? a.InnerExceptions : e.InnerException is { } i ? [i] : [])
            {
                pending.Push(inner);
            }
        }

        return failures.Count > 0 ? failures : throw new Xunit.Sdk.XunitException($"The start did not fail on options validation: {thrown}");
    }

    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static List<string> Validate(IConfiguration configuration, DatabaseProvider provider) =>
        new ProcessRolesValidator(configuration, new DatabaseOptions { Provider = provider }).Validate(null, new ProcessRoles()) is { Failed: true } result
            ? [.. result.Failures!]
            : [];

    private static List<string> ValidateJobs(JobsOptions options, DatabaseProvider provider, IConfiguration configuration) =>
        new JobsOptionsValidator(new DatabaseOptions { Provider = provider }, configuration).Validate(null, options) is { Failed: true } result
            ? [.. result.Failures!]
            : [];
}
