using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Health.Core.Postgres;

/// <summary>
/// Lets <c>dotnet ef migrations add NAME --project src/Health.Core.Postgres --startup-project src/Health.Core.Postgres</c>
/// build the PostgreSQL model without a server (adding a migration connects to nothing).
/// </summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<HealthDb>
{
    public HealthDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HealthDb>()
            .UseNpgsql("Host=localhost;Database=health_design", n => n.MigrationsAssembly(StorageSetup.PostgresMigrationsAssembly))
            .Options);
}
