using Health.Core.Tracking;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Components.Pages.Compare;

/// <summary>
/// An entry of a comparison, found in the database: its label (a series name and a CSV column), the repositories whose
/// data it pools, and the page that shows it alone.
/// </summary>
public sealed record CompareScope(CompareItem Item, string Label, IReadOnlyList<int> RepositoryIds, string Href);

/// <summary>Finds what each entry of a comparison stands for.</summary>
public static class CompareScopes
{
    /// <summary>
    /// The entries Health holds data for, in the order given, and a message for each one it does not. A repository is
    /// found if Health has its data, tracked or not (as on the repository page); an organisation is every repository of
    /// that owner that is tracked now. Only what <paramref name="visibility"/> shows is found.
    /// </summary>
    public static async Task<(IReadOnlyList<CompareScope> Scopes, IReadOnlyList<string> Problems)> ResolveAsync(
        IDbContextFactory<HealthDb> dbFactory, IReadOnlyList<CompareItem> items, RepositoryVisibility visibility, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var repos = await db.Repositories.AsNoTracking().VisibleTo(visibility)
            .Select(r => new { r.Id, r.Owner, r.Name, r.FullNameKey, Tracked = r.RemovedAt == null })
            .ToListAsync(ct);
        var scopes = new List<CompareScope>();
        var problems = new List<string>();
        foreach (var item in items)
        {
            if (item.IsOrganisation)
            {
                var owned = repos.Where(r => r.Tracked && string.Equals(r.Owner, item.Text, StringComparison.OrdinalIgnoreCase)).OrderBy(r => r.FullNameKey, StringComparer.Ordinal).ToList();
                if (owned.Count == 0)
                {
                    problems.Add($"Health tracks no repository of '{item.Text}'; add them on the Repositories page.");
                    continue;
                }

                var owner = owned[0].Owner;
                var count = owned.Count == 1 ? "1 repository" : $"{owned.Count} repositories";
                scopes.Add(new CompareScope(item with { Text = owner }, $"{owner} ({count})", [.. owned.Select(r => r.Id)], DashboardUrls.Overview));
                continue;
            }

            if (repos.FirstOrDefault(r => r.FullNameKey == item.Key) is not { } repo)
            {
                problems.Add($"Health holds no data for {item.Text}: it is not a repository Health tracks.");
                continue;
            }

            scopes.Add(new CompareScope(item with { Text = $"{repo.Owner}/{repo.Name}" }, $"{repo.Owner}/{repo.Name}", [repo.Id], DashboardUrls.Repository(repo.Owner, repo.Name)));
        }

        return (scopes, problems);
    }
}
