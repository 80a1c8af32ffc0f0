using Microsoft.Extensions.Configuration;

namespace Health.Core.Storage;

/// <summary>Which database holds Health's data. Section <c>Database</c>; the connection string is <c>ConnectionStrings:Health</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><see cref="DatabaseProvider.Sqlite"/> (default: one embedded file) or <see cref="DatabaseProvider.Postgres"/> (several processes).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The provider named by <c>Database:Provider</c>, read when services are registered (it decides which are). A value that
    /// is no provider stops start-up with a message naming the key.
    /// </summary>
    public static DatabaseProvider ReadProvider(IConfiguration configuration)
    {
        var raw = configuration[$"{Section}:{nameof(Provider)}"];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(raw.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider) && !int.TryParse(raw, out _)
            ? provider
            : throw new InvalidOperationException($"{Section}:{nameof(Provider)} must be Sqlite or Postgres (it is '{raw}').");
    }
}

/// <summary>The databases Health runs on: one model, one migration set each.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: no service to run; one process writes.</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql: any number of web and worker processes share it.</summary>
    Postgres,
}
