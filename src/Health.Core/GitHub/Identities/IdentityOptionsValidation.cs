using System.Globalization;

namespace Health.Core.GitHub.Identities;

/// <summary>The start-up checks of <c>GitHub:Tokens</c> and <c>GitHub:App</c>, each problem naming its key; never a token or the key's content.</summary>
internal static class IdentityOptionsValidation
{
    public static void Check(GitHubOptions options, List<string> errors)
    {
        for (var i = 0; i < options.Tokens.Count; i++)
        {
            var token = options.Tokens[i];
            if (string.IsNullOrWhiteSpace(token))
            {
                errors.Add($"GitHub:Tokens:{i} is blank; paste a token there or remove the entry.");
            }
            else if (token.Any(char.IsWhiteSpace) || token.Any(char.IsControl))
            {
                errors.Add($"GitHub:Tokens:{i} contains white space or control characters; paste the token alone.");
            }
        }

        var app = options.App;
        if (!app.IsSet)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(app.Id))
        {
            errors.Add("GitHub:App:Id must be set with GitHub:App:PrivateKeyFile: the App ID shown on the app's settings page.");
        }
        else if (!long.TryParse(app.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            errors.Add($"GitHub:App:Id must be a positive number, the App ID shown on the app's settings page (got '{app.Id}').");
        }

        if (string.IsNullOrWhiteSpace(app.PrivateKeyFile))
        {
            errors.Add("GitHub:App:PrivateKeyFile must be set with GitHub:App:Id: the path of the .pem private key GitHub generated for the app.");
        }
        else if (AppKey.Problem(app.PrivateKeyFile) is { } problem)
        {
            errors.Add($"GitHub:App:PrivateKeyFile: {problem}.");
        }
    }
}
