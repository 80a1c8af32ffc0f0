using Health.Core.Export;

namespace Health.Core.Tests.Export;

/// <summary>An export as typed (CLI options, query string) is checked before any work: names, period, and a bounded range.</summary>
public sealed class ExportRequestTests
{
    private static readonly DateOnly Today = new(2026, 12, 8);

    [Theory]
    [InlineData("month", "2008-01-01", "2027-12-08")]
    [InlineData("month", null, null)]
    [InlineData("week", "2008-01-01", "2027-02-01")]
    [InlineData("week", "2026-01-01", null)]
    public void WithinTheLimits_Accepted(string period, string? from, string? to) =>
        Assert.True(ExportRequest.TryParse(new ExportQuery(["acme/widgets"], null, period, from, to), Today, out _, out var error), error);

    [Theory]
    [InlineData("month", "2007-12-31", null, "from (2007-12-31) must be between 2008-01-01 and 2027-12-08 (a year after today)")]
    [InlineData("month", "0001-01-01", "9999-12-20", "from (0001-01-01) must be between 2008-01-01 and 2027-12-08 (a year after today)")]
    [InlineData("month", null, "2027-12-09", "to (2027-12-09) must be between 2008-01-01 and 2027-12-08 (a year after today)")]
    [InlineData("month", "2026-06-02", "2026-06-01", "from (2026-06-02) is after to (2026-06-01)")]
    [InlineData("week", "2008-01-01", "2027-12-08", "from 2008-01-01 to 2027-12-08 holds more than 1000 weeks, the most one export may have")]
    public void OutsideTheLimits_RefusedNamingTheLimit(string period, string? from, string? to, string expected)
    {
        Assert.False(ExportRequest.TryParse(new ExportQuery(["acme/widgets"], null, period, from, to), Today, out var request, out var error));
        Assert.Null(request);
        Assert.Equal(expected, error);
    }
}
