using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Health.Core.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without the web host.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<HealthDb>
{
    public HealthDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HealthDb>().UseSqlite("Data Source=design.db").Options);
}
