using System.Text.Json.Serialization;

namespace Health.Core.GitHub.Sync.Rows;

/// <summary>What the rows store as JSON text (a PR's label names).</summary>
[JsonSerializable(typeof(List<string>))]
internal sealed partial class RowsJsonContext : JsonSerializerContext;
