using System.Net;
using Health.Web.Tests.Infrastructure;

namespace Health.Web.Tests.Access;

/// <summary>
/// Anonymous requests cannot ask for unbounded work: absurd export and chart-CSV ranges get 400 with one line naming the
/// limit, and a client asking too often gets 429 with <c>Retry-After</c>.
/// </summary>
public sealed class DownloadLimitTests(SyncedAppFixture fixture) : IClassFixture<SyncedAppFixture>
{
    [Theory]
    [InlineData("/export/metrics.csv?repo=acme/widgets&period=week&from=0001-01-01&to=9999-12-20", "from (0001-01-01) must be between 2008-01-01 and ")]
    [InlineData("/export/metrics.csv?repo=acme/widgets&period=month&to=9999-12-31", "to (9999-12-31) must be between 2008-01-01 and ")]
    [InlineData("/export/prs.csv?repo=acme/widgets&from=2007-12-31", "from (2007-12-31) must be between 2008-01-01 and ")]
    [InlineData("/export/metrics.csv?repo=acme/widgets&period=month&from=2026-06-01&to=2026-01-01", "from (2026-06-01) is after to (2026-01-01)")]
    [InlineData("/export/metrics.csv?repo=acme/widgets&period=week&from=2008-01-01&to=2027-12-01", "holds more than 1000 weeks, the most one export may have")]
    [InlineData("/repos/acme/widgets/charts/pr-flow.csv?period=week&from=1990-01-01&to=2026-12-01", "from: '1990-01-01' is not a date as yyyy-MM-dd between 2008-01-01 and ")]
    [InlineData("/repos/acme/widgets/charts/pr-flow.csv?period=month&to=9999-12-31", "to: '9999-12-31' is not a date as yyyy-MM-dd between 2008-01-01 and ")]
    [InlineData("/compare/charts/prs-opened.csv?items=acme/widgets&period=week&from=2008-01-01&to=2026-12-01", "holds more than 520 weeks")]
    public async Task AbsurdRange_BadRequestNamingTheLimit(string path, string expected)
    {
        // One app for the eight ranges (eight downloads, well under the default limit of 60 a minute from one client).
        using var client = fixture.App.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, body, StringComparison.Ordinal);
        Assert.Single(body.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task TooManyDownloads_FromOneClient_TooManyRequestsWithRetryAfter()
    {
        await using var app = await AppHarness.StartAsync(settings: new Dictionary<string, string?> { ["Access:DownloadsPerMinute"] = "3" });
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        foreach (var path in (string[])["/export/metrics.csv?repo=acme/none&period=month", "/repos/acme/none/charts/pr-flow.csv", "/compare/charts/prs-opened.csv?items=acme/none", "/export/prs.csv?repo=acme/none"])
        {
            last?.Dispose();
            last = await client.GetAsync(new Uri(path, UriKind.Relative));
            statuses.Add(last.StatusCode);
        }

        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta is { } wait && wait > TimeSpan.Zero && wait <= TimeSpan.FromMinutes(1), $"Retry-After: {last.Headers.RetryAfter}");
        Assert.Contains("at most 3 a minute (Access:DownloadsPerMinute)", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // pages are not downloads
        last.Dispose();
    }
}
