namespace Health.Web.Components.Charts;

/// <summary>
/// One chart of the repository or compare page, drawn by <see cref="ChartCard"/>: its address in URLs (<see cref="Key"/>), what it shows, a one-line explanation,
/// the definition it links to (an anchor on the definitions page), the drawing, the table behind it, and the group of
/// charts it opens (a heading on the page), if it opens one.
/// </summary>
public sealed record DashboardChart(
    string Key,
    string Title,
    string Explanation,
    string DefinitionId,
    ChartSpec Spec,
    ChartTable Table,
    string EmptyText,
    string? Opens = null);
