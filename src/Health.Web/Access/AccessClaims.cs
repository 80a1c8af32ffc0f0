using System.Globalization;
using System.Security.Claims;
using Health.Core.Tracking;

namespace Health.Web.Access;

/// <summary>What a signed-in (or recognised) person may do, as claims: roles and the private repositories GitHub lets them read.</summary>
public static class AccessClaims
{
    public const string Operator = "operator";
    public const string Reader = "reader";

    /// <summary>A private repository (our id) GitHub said the person can read, checked at sign-in.</summary>
    public const string PrivateRepository = "health:private-repository";

    public static bool IsOperator(ClaimsPrincipal user) => user.IsInRole(Operator);

    /// <summary>What a page's viewer may see (a component's cascading authentication state; none known: public repositories only).</summary>
    public static async Task<RepositoryVisibility> VisibilityAsync(Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? state) =>
        state is null ? RepositoryVisibility.PublicOnly : Visibility((await state).User);

    /// <summary>The repositories <paramref name="user"/> may see: all for an operator, else the public ones and the private ones GitHub lets them read.</summary>
    public static RepositoryVisibility Visibility(ClaimsPrincipal user)
    {
        if (IsOperator(user))
        {
            return RepositoryVisibility.Everything;
        }

        var readable = user.FindAll(PrivateRepository)
            .Select(c => int.TryParse(c.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0)
            .ToHashSet();
        return readable.Count == 0 ? RepositoryVisibility.PublicOnly : new RepositoryVisibility(false, readable);
    }
}
