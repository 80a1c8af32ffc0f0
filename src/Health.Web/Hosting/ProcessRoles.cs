using Health.Core.Storage;
using Microsoft.Extensions.Options;

namespace Health.Web.Hosting;

/// <summary>
/// What this process does, from <c>Health:Roles</c> (a list; default both): <c>web</c> serves the pages and enqueues jobs,
/// runs none; <c>worker</c> runs the jobs and serves only <c>/health</c>. Read when services are registered (the roles decide
/// which are); a list that cannot be read stops the start with every problem named, through <see cref="ProcessRolesValidator"/>.
/// </summary>
public sealed class ProcessRoles
{
    public const string Key = "Health:Roles";

    public const string WebRole = "web";

    public const string WorkerRole = "worker";

    public bool Web { get; set; } = true;

    public bool Worker { get; set; } = true;

    public bool Both => Web && Worker;

    public override string ToString() => Both ? $"{WebRole}, {WorkerRole}" : Web ? WebRole : WorkerRole;

    /// <summary>
    /// The roles <c>Health:Roles</c> names (a list, or one value with commas); both when it is not set. When it cannot be read,
    /// both, and <paramref name="problems"/> says why (the start then stops on them).
    /// </summary>
    public static ProcessRoles Read(IConfiguration configuration, List<string>? problems = null)
    {
        var section = configuration.GetSection(Key);
        if (!section.Exists() && !(configuration is IConfigurationRoot root && root.Providers.Any(p => p.TryGet(Key, out _))))
        {
            // Not set. (An empty JSON list, "Roles": [], is a key with no value: set, and empty.)
            return new ProcessRoles();
        }

        var entries = section.GetChildren().Any()
            ? section.GetChildren().Select(c => c.Value ?? string.Empty).ToList()
            : (section.Value ?? string.Empty).Split(',').ToList();
        var named = entries.Select(e => e.Trim()).ToList();
        var unknown = named.Where(n => !n.Equals(WebRole, StringComparison.OrdinalIgnoreCase) && !n.Equals(WorkerRole, StringComparison.OrdinalIgnoreCase)).ToList();
        if (named.All(n => n.Length == 0))
        {
            problems?.Add($"{Key} is empty: list {WebRole}, {WorkerRole} or both (unset, a process is both).");
            return new ProcessRoles();
        }

        if (unknown.Count > 0)
        {
            problems?.Add($"{Key} names {string.Join(", ", unknown.Select(u => $"'{u}'"))}, which is no role: the roles are {WebRole} and {WorkerRole}.");
            return new ProcessRoles();
        }

        return new ProcessRoles
        {
            Web = named.Any(n => n.Equals(WebRole, StringComparison.OrdinalIgnoreCase)),
            Worker = named.Any(n => n.Equals(WorkerRole, StringComparison.OrdinalIgnoreCase)),
        };
    }
}

/// <summary><c>Health:Roles</c> at start: a list that can be read, and a split across processes only on a database they can share.</summary>
internal sealed class ProcessRolesValidator(IConfiguration configuration, DatabaseOptions database) : IValidateOptions<ProcessRoles>
{
    public ValidateOptionsResult Validate(string? name, ProcessRoles options)
    {
        var problems = new List<string>();
        var roles = ProcessRoles.Read(configuration, problems);
        if (!roles.Both && database.Provider != DatabaseProvider.Postgres)
        {
            problems.Add(
                $"{ProcessRoles.Key} is {roles}, but Database:Provider is {database.Provider}: a SQLite database is one process's, so it is both " +
                $"web and worker. Set Database:Provider=Postgres (and ConnectionStrings:Health) to run web and worker processes apart, or leave {ProcessRoles.Key} unset.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
