namespace Health.Web.Components.Pages.Reports;

/// <summary>The links of the reports pages and of an archived report's downloads, built in one place.</summary>
public static class ReportUrls
{
    public const string Reports = "/reports";

    public static string Archive(int runId) => $"/reports/archive/{runId}";

    /// <summary>The download of an archived report: <c>html</c>, <c>md</c> or <c>csv</c>.</summary>
    public static string Download(int runId, string extension) => $"/reports/archive/{runId}.{extension}";
}
