namespace Health.Web.Tests.Reports;

/// <summary>One running app (with its SMTP server and webhook receiver) shared by the tests of a class; each test starts with <see cref="ReportsHarness.Reset"/>.</summary>
public class ReportsFixture : IAsyncLifetime
{
    private ReportsHarness? _harness;

    internal ReportsHarness Harness => _harness ?? throw new InvalidOperationException("Not started.");

    /// <summary>Settings beyond the harness's own.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync() => _harness = await ReportsHarness.StartAsync(Settings);

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}

/// <summary>Two retries of a failed job, and job state in memory (lost at each restart, as when the job storage is wiped).</summary>
public sealed class RetryingReportsFixture : ReportsFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jobs:Retries"] = "2", ["Jobs:Storage"] = "InMemory" };
}
