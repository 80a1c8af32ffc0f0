using System.Security.Cryptography;
using Health.Core.GitHub;

namespace Health.Core.Tests.GitHub.Identities;

public sealed class IdentityOptionsValidationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("health-app-key-").FullName;

    [Fact]
    public void Validate_TokensAndAValidApp_Succeeds()
    {
        var options = new GitHubOptions { Token = "test-token-a", Tokens = ["test-token-b", "test-token-c"] };
        options.App.Id = "12345";
        options.App.PrivateKeyFile = KeyFile("app.pem", RSA.Create(2048).ExportRSAPrivateKeyPem());

        Assert.True(Validate(options).Count == 0, string.Join(" ", Validate(options)));
    }

    [Fact]
    public void Validate_BlankOrSpacedTokenInTheList_NamesItsIndexNotItsValue()
    {
        var failures = Validate(new GitHubOptions { Tokens = ["test-token-a", "  ", "test token-secret"] });

        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("GitHub:Tokens:1 is blank", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GitHub:Tokens:2 contains white space", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("secret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("12.5")]
    public void Validate_AppIdNotAPositiveNumber_NamesGitHubAppId(string id)
    {
        var options = new GitHubOptions();
        options.App.Id = id;
        options.App.PrivateKeyFile = KeyFile("app.pem", RSA.Create(2048).ExportRSAPrivateKeyPem());

        var failure = Assert.Single(Validate(options));

        Assert.StartsWith("GitHub:App:Id must be a positive number", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyFileMissing_SaysFileNotFound()
    {
        var options = new GitHubOptions();
        options.App.Id = "7";
        options.App.PrivateKeyFile = Path.Combine(_directory, "nowhere.pem");

        var failure = Assert.Single(Validate(options));

        Assert.StartsWith("GitHub:App:PrivateKeyFile: file not found", failure, StringComparison.Ordinal);
        Assert.Contains("nowhere.pem", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyFileIsNoRsaPrivateKey_SaysSoWithoutItsContent()
    {
        var publicOnly = KeyFile("public.pem", RSA.Create(2048).ExportSubjectPublicKeyInfoPem());
        var garbage = KeyFile("garbage.pem", "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----\n");
        var ec = KeyFile("ec.pem", ECDsa.Create().ExportECPrivateKeyPem());

        foreach (var file in new[] { publicOnly, garbage, ec })
        {
            var options = new GitHubOptions();
            options.App.Id = "7";
            options.App.PrivateKeyFile = file;

            var failure = Assert.Single(Validate(options));

            Assert.StartsWith("GitHub:App:PrivateKeyFile: is no RSA private key in PEM format", failure, StringComparison.Ordinal);
            Assert.DoesNotContain("bm90", failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_HalfAnApp_NamesTheMissingKey()
    {
        var idOnly = new GitHubOptions();
        idOnly.App.Id = "7";
        var keyOnly = new GitHubOptions();
        keyOnly.App.PrivateKeyFile = KeyFile("app.pem", RSA.Create(2048).ExportRSAPrivateKeyPem());

        Assert.StartsWith("GitHub:App:PrivateKeyFile must be set with GitHub:App:Id", Assert.Single(Validate(idOnly)), StringComparison.Ordinal);
        Assert.StartsWith("GitHub:App:Id must be set with GitHub:App:PrivateKeyFile", Assert.Single(Validate(keyOnly)), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static List<string> Validate(GitHubOptions options)
    {
        var result = new GitHubOptionsValidator().Validate(null, options);
        return result.Failed ? [.. result.Failures!] : [];
    }

    private string KeyFile(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
