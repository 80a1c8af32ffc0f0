using System.Globalization;

namespace Health.Web.Components.Pages.Repository;

/// <summary>How long something has waited, in the largest two units that matter: "3 d 4 h", "5 h 10 min", "12 min".</summary>
public static class Durations
{
    public static string Waited(TimeSpan span)
    {
        var c = CultureInfo.InvariantCulture;
        if (span.TotalDays >= 1)
        {
            return span.Hours == 0 ? $"{((int)span.TotalDays).ToString("N0", c)} d" : $"{((int)span.TotalDays).ToString("N0", c)} d {span.Hours.ToString(c)} h";
        }

        if (span.TotalHours >= 1)
        {
            return span.Minutes == 0 ? $"{span.Hours.ToString(c)} h" : $"{span.Hours.ToString(c)} h {span.Minutes.ToString(c)} min";
        }

        return $"{Math.Max(0, span.Minutes).ToString(c)} min";
    }
}
