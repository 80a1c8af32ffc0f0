using Health.Core.GitHub;
using Health.Core.GitHub.Dto;
using Health.Core.GitHub.Sync;

namespace Health.Core.Tests.GitHub;

public class SmallPartsTests
{
    [Theory]
    [InlineData("https://api.github.com/repos/o/r/issues/1347", 1347)]
    [InlineData("http://127.0.0.1:5000/api/v3/repos/o/r/pulls/7/", 7)]
    [InlineData("https://api.github.com/repos/o/r/issues/x", null)]
    [InlineData("https://api.github.com/repos/o/r/issues/-3", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void NumberFromUrl_Parse_TakesTheTrailingNumber(string? url, int? expected)
    {
        Assert.Equal(expected, NumberFromUrl.Parse(url));
    }

    [Theory]
    [InlineData("Bot", "renovate", true)]
    [InlineData("User", "dependabot[bot]", true)]
    [InlineData("User", "CI-Helper", true)]
    [InlineData("User", "alice", false)]
    [InlineData(null, "bob", false)]
    public void BotPolicy_IsBot_FollowsTheMetricsRule(string? type, string login, bool expected)
    {
        Assert.Equal(expected, new BotPolicy(["ci-helper"]).IsBot(type, login));
    }

    [Fact]
    public void LinkGuard_LinkToAnotherHost_IsRefused()
    {
        var api = new Uri("http://127.0.0.1:5000/api/v3/");
        Assert.NotNull(LinkGuard.Checked(new Uri("http://127.0.0.1:5000/api/v3/repos/o/r/pulls?page=2"), api));
        var e = Assert.Throws<GitHubException>(() => LinkGuard.Checked(new Uri("http://evil.example/steal?page=2"), api));
        Assert.Contains("refusing", e.Message, StringComparison.Ordinal);
        Assert.Throws<GitHubException>(() => LinkGuard.Checked(new Uri("http://127.0.0.1:5001/api/v3/x"), api));
    }

    [Fact]
    public void ResponseHeaders_RetryAfter_ReadsSecondsAndDates()
    {
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(TimeSpan.FromSeconds(7), ResponseHeaders.RetryAfter(new Dictionary<string, string> { ["retry-after"] = "7" }, now));
        Assert.Equal(TimeSpan.FromSeconds(30), ResponseHeaders.RetryAfter(new Dictionary<string, string> { ["Retry-After"] = "Thu, 01 Jan 2026 00:00:30 GMT" }, now));
        Assert.Null(ResponseHeaders.RetryAfter(new Dictionary<string, string> { ["Retry-After"] = "soon" }, now));
        Assert.Null(ResponseHeaders.RateLimitReset(new Dictionary<string, string> { ["X-RateLimit-Reset"] = "-5" }));
    }
}
