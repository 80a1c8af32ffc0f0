using Health.Core.GitHub;

namespace Health.Core.Tests.GitHub;

public class GitHubOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new GitHubOptionsValidator().Validate(null, new GitHubOptions()).Succeeded);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEachWithItsKey()
    {
        var result = new GitHubOptionsValidator().Validate(null, new GitHubOptions
        {
            ApiUrl = "ftp://example.com",
            Concurrency = 0,
            MaxRetries = -1,
            Token = "ghp_abc def",
        });

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("GitHub:ApiUrl", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GitHub:Concurrency", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GitHub:MaxRetries", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GitHub:Token", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("abc", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("file:///etc/passwd")]
    public void Validate_BadApiUrl_Fails(string url)
    {
        Assert.True(new GitHubOptionsValidator().Validate(null, new GitHubOptions { ApiUrl = url }).Failed);
    }
}
