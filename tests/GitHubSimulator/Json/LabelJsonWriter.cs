using System.Text.Json;

namespace GitHubSimulator;

/// <summary>The <c>labels</c> array of pull requests and issues (label objects as in pull-request-simple-items.json).</summary>
internal static class LabelJsonWriter
{
    public static void WriteLabels(Utf8JsonWriter w, RepoUrls urls, SimRepository repo, IReadOnlyList<string>? names)
    {
        w.WriteStartArray("labels"u8);
        if (names is not null)
        {
            foreach (string name in names)
            {
                SimLabel label = LabelCatalog.Get(name);
                long id = LabelCatalog.Id(repo, name);
                w.WriteStartObject();
                w.WriteNumber("id"u8, id);
                w.WriteNodeId("Label", id);
                w.WriteString("url"u8, urls.Api + "/labels/" + Uri.EscapeDataString(name));
                w.WriteString("name"u8, label.Name);
                w.WriteString("description"u8, label.Description);
                w.WriteString("color"u8, label.Color);
                w.WriteBoolean("default"u8, label.IsDefault);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
    }
}
