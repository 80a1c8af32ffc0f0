using Microsoft.Extensions.Primitives;

namespace GitHubSimulator;

/// <summary>A web-flow request's parameters: the form body's (when it is a form), else the query string's.</summary>
internal sealed class OAuthFields
{
    private readonly IFormCollection? _form;
    private readonly IQueryCollection _query;

    private OAuthFields(IFormCollection? form, IQueryCollection query)
    {
        _form = form;
        _query = query;
    }

    /// <summary>Reads the form body of a POST; null when the body is not a readable form.</summary>
    public static async Task<OAuthFields?> ReadAsync(HttpRequest request, CancellationToken cancel)
    {
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            return new OAuthFields(null, request.Query);
        }

        try
        {
            return new OAuthFields(await request.ReadFormAsync(cancel), request.Query);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The first value of <paramref name="name"/> (form first, then query), or null.</summary>
    public string? this[string name]
    {
        get
        {
            if (_form is not null && _form.TryGetValue(name, out StringValues formValue) && formValue.Count > 0)
            {
                return formValue[0];
            }

            return _query.TryGetValue(name, out StringValues queryValue) && queryValue.Count > 0 ? queryValue[0] : null;
        }
    }

    /// <summary>The parameters the authorize page carries from its GET to its POST.</summary>
    public AuthorizeRequest Authorize() => new(
        this["client_id"] ?? "", this["redirect_uri"] ?? "", this["state"] ?? "", this["scope"] ?? "",
        this["code_challenge"], this["code_challenge_method"]);
}

/// <summary>What the authorize page was asked: the app, where to send the user back, its state and scopes, the PKCE challenge.</summary>
internal sealed record AuthorizeRequest(
    string ClientId, string RedirectUri, string State, string Scope, string? CodeChallenge, string? CodeChallengeMethod);
