using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Health.Web.Access;

/// <summary>
/// An open page (a Blazor circuit) keeps the sign-in it was opened with; this checks it every minute and, once the sign-in's
/// lifetime is over (<see cref="GitHubSignInOptions.SignInLifetime"/>, stamped in <see cref="ExpiresClaim"/> at sign-in),
/// takes it away: the page then shows what an anonymous visitor sees, until the person signs in again.
/// </summary>
internal sealed class SignInRevalidation(ILoggerFactory loggers, TimeProvider time) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    /// <summary>When the sign-in ends (UTC, round-trip format).</summary>
    public const string ExpiresClaim = "health:sign-in-expires";

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken) =>
        Task.FromResult(IsValid(state.User, time.GetUtcNow()));

    /// <summary>A principal without the claim (Local, Password and Anyone modes) stays: those are judged per request.</summary>
    internal static bool IsValid(ClaimsPrincipal user, DateTimeOffset now) =>
        user.FindFirst(ExpiresClaim)?.Value is not { } expires
        || (DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) && at > now);
}
