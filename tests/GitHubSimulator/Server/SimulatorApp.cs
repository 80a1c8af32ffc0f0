using System.Security.Cryptography;

namespace GitHubSimulator;

/// <summary>A GitHub App the simulator knows: its id, the public half of its key (PEM), and the accounts it is installed on.</summary>
public sealed class SimulatorApp
{
    public long Id { get; set; }

    public string Slug { get; set; } = "health-test-app";

    /// <summary>The app's RSA public key, PEM (<c>-----BEGIN PUBLIC KEY-----</c>): its JSON web tokens must verify with it.</summary>
    public string PublicKeyPem { get; set; } = "";

    /// <summary>The installations: an account login (any case) and the installation's id.</summary>
    public Dictionary<string, long> Installations { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The installation of this id, with the login it is on, or null.</summary>
    internal KeyValuePair<string, long>? Installation(long id) =>
        Installations.Any(i => i.Value == id) ? Installations.First(i => i.Value == id) : null;

    internal bool Verifies(byte[] data, byte[] signature)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(PublicKeyPem);
        }
        catch (ArgumentException)
        {
            return false;
        }

        return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
