using Microsoft.Extensions.Options;

namespace Health.Web.Access;

/// <summary>
/// Refuses a request a page of another site makes a browser send: one that changes state (any method but GET, HEAD and
/// OPTIONS) or opens the Blazor hub (<c>/_blazor</c>, where a circuit is driven) with an <c>Origin</c> that is neither this
/// request's own (scheme, host and port) nor <see cref="AccessOptions.PublicUrl"/>'s. Browsers always send <c>Origin</c> on
/// these; a request without it is not from a page of another site.
/// </summary>
internal sealed class SameOrigin(RequestDelegate next, IOptions<AccessOptions> access)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var guarded = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
            || request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase);
        if (!guarded || !request.Headers.TryGetValue("Origin", out var values))
        {
            return next(context);
        }

        var origin = values.ToString();
        if (IsAllowed(origin, request, access.Value.PublicUrl))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync($"Cross-site request refused: Origin '{Shorten(origin)}' is not this site ({request.Scheme}://{request.Host}). Behind a proxy, set Access:PublicUrl to the address people use.\n");
    }

    internal static bool IsAllowed(string origin, HttpRequest request, Uri? publicUrl)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        return SameAs(uri, request.Scheme, request.Host) || (publicUrl is not null && Uri.Compare(uri, publicUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0);
    }

    private static bool SameAs(Uri origin, string scheme, HostString host)
    {
        if (!host.HasValue || !string.Equals(origin.Scheme, scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var port = host.Port ?? (string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80);
        return string.Equals(origin.IdnHost.Trim('[', ']'), host.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase) && origin.Port == port;
    }

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
