using System.Text.Json;

namespace GitHubSimulator;

/// <summary>The body of <c>/rate_limit</c> (rate-limit-overview.json); only "core" and "graphql" move.</summary>
internal static class RateLimitJsonWriter
{
    public static void Write(Utf8JsonWriter w, RateSnapshot core, RateSnapshot graphQL, long now)
    {
        long hour = now + 3600;
        w.WriteStartObject();
        w.WriteStartObject("resources"u8);
        WriteResource(w, "core"u8, core.Limit, core.Used, core.Reset);
        WriteResource(w, "search"u8, 30, 0, now + 60);
        WriteResource(w, "graphql"u8, graphQL.Limit, graphQL.Used, graphQL.Reset);
        WriteResource(w, "integration_manifest"u8, 5000, 0, hour);
        WriteResource(w, "source_import"u8, 100, 0, now + 60);
        WriteResource(w, "code_scanning_upload"u8, 1000, 0, hour);
        WriteResource(w, "actions_runner_registration"u8, 10000, 0, hour);
        WriteResource(w, "scim"u8, 15000, 0, hour);
        WriteResource(w, "dependency_snapshots"u8, 100, 0, now + 60);
        WriteResource(w, "code_search"u8, 10, 0, now + 60);
        WriteResource(w, "code_scanning_autofix"u8, 10, 0, now + 60);
        w.WriteEndObject();
        WriteResource(w, "rate"u8, core.Limit, core.Used, core.Reset);
        w.WriteEndObject();
    }

    private static void WriteResource(Utf8JsonWriter w, ReadOnlySpan<byte> name, int limit, int used, long reset)
    {
        w.WriteStartObject(name);
        w.WriteNumber("limit"u8, limit);
        w.WriteNumber("used"u8, used);
        w.WriteNumber("remaining"u8, Math.Max(0, limit - used));
        w.WriteNumber("reset"u8, reset);
        w.WriteEndObject();
    }
}
