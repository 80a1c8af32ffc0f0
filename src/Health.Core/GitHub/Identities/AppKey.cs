using System.Security.Cryptography;

namespace Health.Core.GitHub.Identities;

/// <summary>Reads a GitHub App's private key (the PEM file GitHub issues: PKCS#1 <c>RSA PRIVATE KEY</c>, or PKCS#8). Never shows its content.</summary>
internal static class AppKey
{
    /// <summary>The key, or an <see cref="InvalidOperationException"/> whose message says what is wrong with the file.</summary>
    public static RSA Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidOperationException($"file not found ({Path.GetFullPath(path)})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"cannot be read ({e.GetType().Name})", e);
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(text);
            _ = rsa.ExportParameters(includePrivateParameters: true);
            return rsa;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new InvalidOperationException("is no RSA private key in PEM format (GitHub issues one beginning -----BEGIN RSA PRIVATE KEY-----)", e);
        }
    }

    /// <summary>What is wrong with the key file, or null when it holds a usable key.</summary>
    public static string? Problem(string path)
    {
        try
        {
            Load(path).Dispose();
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }
}
