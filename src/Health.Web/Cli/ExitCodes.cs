namespace Health.Web.Cli;

/// <summary>What the verbs return, for scripts.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int RateLimited = 3;
    public const int Skipped = 4;
    public const int Cancelled = 130;
}
