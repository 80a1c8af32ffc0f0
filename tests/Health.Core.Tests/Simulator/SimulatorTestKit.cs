using System.Text.Json;
using System.Text.RegularExpressions;
using GitHubSimulator;

namespace Health.Core.Tests.Simulator;

/// <summary>Shared helpers for the simulator tests: a fixed-end world and Link-following over real HTTP.</summary>
internal static partial class SimulatorTestKit
{
    public static readonly DateTime End = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <param name="clock">The world's clock (rate-limit windows, expiries); the system's by default.</param>
    public static World NewWorld(int prs = 240, int seed = 7, TimeProvider? clock = null) =>
        WorldGenerator.Generate(new WorldOptions { Prs = prs, Seed = seed, End = End }, clock);

    /// <summary>GETs <paramref name="url"/> and every rel="next" after it; returns all items and the URLs requested.</summary>
    public static async Task<(List<JsonElement> Items, List<string> Urls)> GetAllPagesAsync(HttpClient client, string url)
    {
        var items = new List<JsonElement>();
        var urls = new List<string>();
        string? next = url;
        while (next is not null)
        {
            urls.Add(next);
            using HttpResponseMessage response = await client.GetAsync(next);
            Assert.Equal(200, (int)response.StatusCode);
            using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            items.AddRange(doc.RootElement.EnumerateArray().Select(e => e.Clone()));
            next = Links(response).GetValueOrDefault("next");
            Assert.True(urls.Count < 1000, "pagination does not end");
        }

        return (items, urls);
    }

    /// <summary>The Link header as rel → URL.</summary>
    public static Dictionary<string, string> Links(HttpResponseMessage response)
    {
        var links = new Dictionary<string, string>();
        if (response.Headers.TryGetValues("Link", out IEnumerable<string>? values))
        {
            foreach (Match m in LinkPattern().Matches(string.Join(", ", values)))
            {
                links[m.Groups[2].Value] = m.Groups[1].Value;
            }
        }

        return links;
    }

    public static DateTime Time(JsonElement item, string property) =>
        DateTime.Parse(item.GetProperty(property).GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal);

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.First() : "";

    [GeneratedRegex("<([^>]+)>; rel=\"(\\w+)\"")]
    private static partial Regex LinkPattern();
}
