namespace Health.Core.Storage;

/// <summary>Where the database is. Bound from <c>ConnectionStrings:Health</c> and <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public const string DefaultConnectionString = "Data Source=data/health.db";

    /// <summary>SQLite (default, embedded). PostgreSQL follows when a deployment outgrows one machine.</summary>
    public string Provider { get; set; } = "Sqlite";
}
