namespace Health.Web.Access;

/// <summary>The app's one authorization policy for managing Health: the repositories page, <c>/jobs</c>, reports.</summary>
public static class OperatorAccess
{
    public const string Policy = "Operator";
    public const string Scheme = "Operator";
}
