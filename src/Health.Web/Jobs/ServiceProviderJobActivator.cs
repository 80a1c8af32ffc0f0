using Hangfire;

namespace Health.Web.Jobs;

/// <summary>
/// Creates each job in its own DI scope of this app. Registered before <c>AddHangfire</c>, which otherwise hands the server
/// Hangfire's process-wide <see cref="JobActivator.Current"/>: the last host configured in the process, not necessarily this one.
/// </summary>
internal sealed class ServiceProviderJobActivator(IServiceScopeFactory scopes) : JobActivator
{
    public override JobActivatorScope BeginScope(JobActivatorContext context) => new Scope(scopes.CreateScope());

    private sealed class Scope(IServiceScope scope) : JobActivatorScope
    {
        public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);

        public override void DisposeScope() => scope.Dispose();
    }
}
