namespace Health.Core.GitHub.Identities;

/// <summary>
/// A GitHub App (section <c>GitHub:App</c>): its id and the PEM private key GitHub issued for it. Health signs a JSON web
/// token with the key, finds the app's installations and mints an installation token for the account of each repository.
/// </summary>
public sealed class GitHubAppOptions
{
    /// <summary>The App ID shown on the app's settings page (a positive number); empty for no app.</summary>
    public string? Id { get; set; }

    /// <summary>The path of the <c>.pem</c> private key file (relative to the working directory). Never logged, nor its content.</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>Whether an app is configured at all (either key set; the validator asks for both).</summary>
    public bool IsSet => !string.IsNullOrWhiteSpace(Id) || !string.IsNullOrWhiteSpace(PrivateKeyFile);
}
