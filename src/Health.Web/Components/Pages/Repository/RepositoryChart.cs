using Health.Web.Components.Charts;

namespace Health.Web.Components.Pages.Repository;

/// <summary>
/// One chart of the repository page: its address in URLs (<see cref="Key"/>), what it shows, a one-line explanation,
/// the definition it links to (an anchor on the definitions page), the drawing, the table behind it, and the group of
/// charts it opens (a heading on the page), if it opens one.
/// </summary>
public sealed record RepositoryChart(
    string Key,
    string Title,
    string Explanation,
    string DefinitionId,
    ChartSpec Spec,
    ChartTable Table,
    string EmptyText,
    string? Opens = null);
