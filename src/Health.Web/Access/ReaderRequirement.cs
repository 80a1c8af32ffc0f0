using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Health.Web.Access;

/// <summary>
/// May read the dashboard: anyone when <c>Access:Readers</c> has <c>public</c>; else an operator, or someone signed in as a
/// reader (decided at sign-in, <see cref="GitHubSignIn"/>).
/// </summary>
public sealed class ReaderRequirement : IAuthorizationRequirement
{
    internal sealed class Handler(IOptions<AccessOptions> access) : AuthorizationHandler<ReaderRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ReaderRequirement requirement)
        {
            if (access.Value.PublicRead || context.User.IsInRole(AccessClaims.Operator) || context.User.IsInRole(AccessClaims.Reader))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }
}
