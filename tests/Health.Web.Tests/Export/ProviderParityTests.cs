using GitHubSimulator;
using Health.Core.Export;
using Health.Core.Storage;
using Health.Testing;
using Health.Web.Tests.Cli;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Health.Web.Tests.Export;

/// <summary>One world, synced once into SQLite and once into PostgreSQL, each served by the app (in-process).</summary>
public sealed class ParityWorld : IAsyncLifetime
{
    private readonly Dictionary<DatabaseProvider, TestDatabase> _databases = [];
    private readonly Dictionary<DatabaseProvider, WebApplicationFactory<Program>> _apps = [];
    private SimulatorServer _server = null!;

    public Dictionary<string, string?> Config(DatabaseProvider provider) => FastSettings.For(_server.BaseUri, _databases[provider]).With(new Dictionary<string, string?>
    {
        ["Jobs:Storage"] = "InMemory",
        ["Access:DownloadsPerMinute"] = "100000",
        ["Access:Mode"] = "Anyone", // the in-process test server has no socket to call local: the operator pages open to anyone here
    });

    public HttpClient Client(DatabaseProvider provider) => _apps[provider].CreateClient();

    public async Task InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(WorldGenerator.Generate(new WorldOptions { Prs = 250, Seed = 5, ExtraRepositories = 1, AgentShare = 0.1, End = DateTime.UtcNow.AddDays(-2) }));
        foreach (var provider in (DatabaseProvider[])[DatabaseProvider.Sqlite, DatabaseProvider.Postgres])
        {
            _databases[provider] = await TestDatabase.CreateAsync(provider);
            foreach (var repo in _server.World.Repositories)
            {
                var (code, output, error) = await CliRun.RunAsync(Config(provider), "sync", repo.FullName);
                Assert.True(code == 0, error + output);
            }

            var config = Config(provider);
            _apps[provider] = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            {
                foreach (var (key, value) in config)
                {
                    b.UseSetting(key, value);
                }
            });
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values)
        {
            await app.DisposeAsync();
        }

        await _server.DisposeAsync();
        foreach (var database in _databases.Values)
        {
            await database.DisposeAsync();
        }
    }
}

/// <summary>
/// Every export, every chart's CSV and every page, from the same world on both providers: the CSVs byte for byte equal, the
/// pages whole on each.
/// </summary>
public sealed class ProviderParityTests(ParityWorld world) : IClassFixture<ParityWorld>
{
    public static TheoryData<string> Exports => [.. ExportService.Kinds];

    public static TheoryData<string> RepositoryCharts => [.. Health.Web.Components.Pages.Repository.RepositoryCharts.Keys];

    public static TheoryData<string> CompareCharts => [.. Health.Web.Components.Pages.Compare.CompareCharts.Keys];

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task Export_SameWorldOnBothProviders_SameBytes(string kind)
    {
        foreach (var query in (string[])["repo=acme/widgets&period=month", "repo=acme/widgets&period=week&from=2025-03-01", "org=acme&group=true&period=month"])
        {
            var url = $"/export/{kind}.csv?{query}";
            Assert.Equal(await CsvAsync(DatabaseProvider.Sqlite, url), await CsvAsync(DatabaseProvider.Postgres, url));
        }
    }

    [Theory]
    [MemberData(nameof(RepositoryCharts))]
    public async Task RepositoryChartCsv_SameWorldOnBothProviders_SameBytes(string chart)
    {
        foreach (var query in (string[])["period=month", "period=week&from=2025-01-01&to=2025-06-30&bots=true"])
        {
            var url = $"/repos/acme/widgets/charts/{chart}.csv?{query}";
            Assert.Equal(await CsvAsync(DatabaseProvider.Sqlite, url), await CsvAsync(DatabaseProvider.Postgres, url));
        }
    }

    [Theory]
    [MemberData(nameof(CompareCharts))]
    public async Task CompareChartCsv_SameWorldOnBothProviders_SameBytes(string chart)
    {
        var url = $"/compare/charts/{chart}.csv?items=acme/widgets&items=acme/widgets-2&period=month";
        Assert.Equal(await CsvAsync(DatabaseProvider.Sqlite, url), await CsvAsync(DatabaseProvider.Postgres, url));
    }

    [Theory]
    [InlineData("/", "acme/widgets-2")]
    [InlineData("/repositories", "acme/widgets-2")]
    [InlineData("/repos/acme/widgets", "acme/widgets")]
    [InlineData("/repos/acme/widgets?period=week", "acme/widgets")]
    [InlineData("/compare?items=acme/widgets&items=acme/widgets-2", "acme/widgets-2")]
    [InlineData("/reports", "Reports")]
    [InlineData("/definitions", "first_response")]
    [InlineData("/badges/acme/widgets/merge-rate.svg", "merge rate")]
    public async Task Page_OnPostgres_RendersAsOnSqlite(string path, string shown)
    {
        foreach (var provider in (DatabaseProvider[])[DatabaseProvider.Sqlite, DatabaseProvider.Postgres])
        {
            using var client = world.Client(provider);
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{provider} {path}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 500)]}");
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            Assert.Contains(shown, body, StringComparison.Ordinal);
        }
    }

    private async Task<string> CsvAsync(DatabaseProvider provider, string url)
    {
        using var client = world.Client(provider);
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{provider} {url}: {(int)response.StatusCode} {body}");
        Assert.True(body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1, $"{provider} {url}: no rows");
        return body;
    }
}
