namespace Health.Core.Reports.Delivery;

/// <summary>What one delivery attempt of a run did, destination by destination.</summary>
public sealed record DeliveryOutcome(int RunId, IReadOnlyList<string> Delivered, IReadOnlyList<string> AlreadyDelivered, IReadOnlyList<string> Failed, IReadOnlyList<string> Busy, string? Skipped = null)
{
    /// <summary>Nothing left to do: every destination is delivered (or the run is no longer to be delivered).</summary>
    public bool Done => Failed.Count == 0 && Busy.Count == 0;

    public string Describe()
    {
        if (Skipped is not null)
        {
            return $"report #{RunId}: {Skipped}";
        }

        var parts = new List<string>();
        Add(parts, "delivered", Delivered);
        Add(parts, "already delivered", AlreadyDelivered);
        Add(parts, "being sent by another run", Busy);
        Add(parts, "failed", Failed);
        return parts.Count == 0 ? $"report #{RunId}: no destination" : $"report #{RunId}: {string.Join("; ", parts)}";
    }

    private static void Add(List<string> parts, string what, IReadOnlyList<string> items)
    {
        if (items.Count > 0)
        {
            parts.Add($"{what}: {string.Join(", ", items)}");
        }
    }
}
