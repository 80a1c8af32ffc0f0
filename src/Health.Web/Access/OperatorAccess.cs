namespace Health.Web.Access;

/// <summary>
/// The app's authorization policies: <see cref="Policy"/> for managing Health (the repositories page, <c>/jobs</c>, reports),
/// <see cref="ReaderPolicy"/> for reading it (every page, export and chart CSV).
/// </summary>
public static class OperatorAccess
{
    public const string Policy = "Operator";
    public const string ReaderPolicy = "Reader";

    /// <summary>The scheme that recognises operators in the Local, Password and Anyone modes.</summary>
    public const string Scheme = "Operator";
}
