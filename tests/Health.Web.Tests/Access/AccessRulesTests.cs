using System.Security.Claims;
using Health.Web.Access;

namespace Health.Web.Tests.Access;

/// <summary>The small rules of access: where a sign-in may return to, what a list entry matches, when an open page's sign-in ends.</summary>
public sealed class AccessRulesTests
{
    [Theory]
    [InlineData("/repos/acme/widgets?period=week", "/repos/acme/widgets?period=week")]
    [InlineData("/", "/")]
    [InlineData(null, "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/\n/evil.example", "/")]
    [InlineData("/x?next=https://evil.example", "/")]
    [InlineData("relative", "/")]
    public void SignInReturnsOnlyToAPathOfThisSite(string? returnUrl, string expected) =>
        Assert.Equal(expected, SignInEndpoints.LocalPath(returnUrl));

    [Fact]
    public void Lists_KeywordsAreNeverNames_OrganisationsAndTeamsMatchTheirMembers()
    {
        var none = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var acme = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "acme" };
        var maintainers = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "acme/maintainers" };

        Assert.False(AccessLists.Matches(["operators"], "operators", none, none));
        Assert.False(AccessLists.Matches(["public"], "someone", new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "public" }, none));
        Assert.True(AccessLists.Matches(["signed-in"], "anyone", none, none));
        Assert.True(AccessLists.Matches(["ACME"], "someone", acme, none));
        Assert.True(AccessLists.Matches(["acme/Maintainers"], "someone", acme, maintainers));
        Assert.False(AccessLists.Matches(["acme/maintainers"], "someone", acme, none));
        Assert.True(AccessLists.Matches(["Someone"], "someone", none, none));
        Assert.Contains(AccessLists.Problems(["operators"], "Access:Operators", readers: false), p => p.Contains("is a keyword of Access:Readers", StringComparison.Ordinal));
        Assert.Empty(AccessLists.Problems(["public", "signed-in", "acme", "acme/maintainers"], "Access:Readers", readers: true));
        Assert.Single(AccessLists.Problems(["acme/"], "Access:Readers", readers: true));
    }

    [Fact]
    public void OpenPage_KeepsASignInUntilItsLifetimeEnds()
    {
        var now = new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
        ClaimsPrincipal SignedInUntil(DateTimeOffset at) =>
            new(new ClaimsIdentity([new Claim(SignInRevalidation.ExpiresClaim, at.ToString("O", System.Globalization.CultureInfo.InvariantCulture))], "GitHub"));

        Assert.True(SignInRevalidation.IsValid(SignedInUntil(now.AddMinutes(1)), now));
        Assert.False(SignInRevalidation.IsValid(SignedInUntil(now.AddSeconds(-1)), now));
        Assert.True(SignInRevalidation.IsValid(new ClaimsPrincipal(new ClaimsIdentity()), now)); // Local, Password, Anyone: judged per request
    }
}
