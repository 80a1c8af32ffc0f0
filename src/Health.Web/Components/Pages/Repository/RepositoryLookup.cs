using Health.Core.Tracking;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Components.Pages.Repository;

/// <summary>Finds a repository Health holds data for by its <c>owner/name</c>, in any letter case.</summary>
public static class RepositoryLookup
{
    /// <summary>
    /// The repository, or null when Health has never tracked it. One that stopped being tracked but whose data was
    /// kept is found: its charts still show what was collected. One <paramref name="visibility"/> hides is not found.
    /// </summary>
    public static async Task<TrackedRepository?> FindAsync(IDbContextFactory<HealthDb> dbFactory, string owner, string name, RepositoryVisibility visibility, CancellationToken ct)
    {
        var key = $"{owner}/{name}".ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Repositories.AsNoTracking().VisibleTo(visibility).SingleOrDefaultAsync(r => r.FullNameKey == key, ct);
    }
}
