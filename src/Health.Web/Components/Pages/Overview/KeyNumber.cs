using System.Globalization;
using Health.Web.Components.Charts;

namespace Health.Web.Components.Pages.Overview;

/// <summary>One headline figure of a repository: the last complete month against the month before, and its trend.</summary>
public sealed record KeyNumber(
    string Label,
    string Column,
    double? Current,
    double? Previous,
    ValueFormat Format,
    bool HigherIsBetter,
    IReadOnlyList<ChartPoint> Trend)
{
    /// <summary>The change is bad for the community's health (e.g. a slower first response, fewer merges).</summary>
    public bool Worse => Current is { } c && Previous is { } p && (HigherIsBetter ? c < p : c > p);

    public bool Better => Current is { } c && Previous is { } p && (HigherIsBetter ? c > p : c < p);

    public string CurrentText => Write(Current, Format);

    public string PreviousText => Write(Previous, Format);

    /// <summary>"▲ 12%" style change for a person, or empty when either side has no value.</summary>
    public string ChangeText
    {
        get
        {
            if (Current is not { } c || Previous is not { } p)
            {
                return string.Empty;
            }

            var arrow = c > p ? "▲" : c < p ? "▼" : "=";
            var delta = Math.Abs(c - p);
            return c == p ? "= no change" : $"{arrow} {Write(delta, Format)}";
        }
    }

    /// <summary>Writes a value as the pages do: counts whole, ratios as percentages, durations in hours or days.</summary>
    public static string Write(double? value, ValueFormat format) => value switch
    {
        null => "—",
        { } v => format switch
        {
            ValueFormat.Percent => (v * 100).ToString("0", CultureInfo.InvariantCulture) + "%",
            ValueFormat.Hours when v >= 48 => (v / 24).ToString("0.#", CultureInfo.InvariantCulture) + " d",
            ValueFormat.Hours => v.ToString("0.#", CultureInfo.InvariantCulture) + " h",
            _ => v.ToString("#,0.#", CultureInfo.InvariantCulture),
        },
    };
}
