using Health.Core.GitHub;

namespace Health.Core.Tests.GitHub;

public class RepositoryNameTests
{
    [Theory]
    [InlineData("dotnet/runtime", "dotnet", "runtime")]
    [InlineData("ggml-org/llama.cpp", "ggml-org", "llama.cpp")]
    [InlineData(" a/b_c-d.e ", "a", "b_c-d.e")]
    [InlineData("A1/.github", "A1", ".github")]
    public void TryParse_ValidName_SplitsOwnerAndName(string text, string owner, string name)
    {
        Assert.True(RepositoryName.TryParse(text, out var parsed, out var error));
        Assert.Null(error);
        Assert.Equal(owner, parsed.Owner);
        Assert.Equal(name, parsed.Name);
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("a/b/c")]
    [InlineData("")]
    [InlineData("/name")]
    [InlineData("owner/")]
    [InlineData("-owner/name")]
    [InlineData("owner-/name")]
    [InlineData("own--er/name")]
    [InlineData("own_er/name")]
    [InlineData("owner/na me")]
    [InlineData("owner/na$me")]
    [InlineData("owner/..")]
    [InlineData("0123456789012345678901234567890123456789/name")]
    public void TryParse_InvalidName_ExplainsTheExpectedForm(string text)
    {
        Assert.False(RepositoryName.TryParse(text, out var parsed, out var error));
        Assert.Null(parsed);
        Assert.Contains("expected OWNER/NAME", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_IsCaseInsensitive()
    {
        Assert.True(RepositoryName.TryParse("Dotnet/Runtime", out var a, out _));
        Assert.True(RepositoryName.TryParse("dotnet/runtime", out var b, out _));
        Assert.Equal(a.Key, b.Key);
    }
}
