namespace GitHubSimulator;

/// <summary>An answer before headers are added: status, body, and what the pipeline needs to finish it.</summary>
internal sealed class ApiResponse : IDisposable
{
    public const string Json = "application/json; charset=utf-8";

    public ApiResponse(int status, PooledBuffer body, string? link = null)
    {
        Status = status;
        Body = body;
        Link = link;
    }

    public int Status { get; set; }
    public PooledBuffer Body { get; }
    public string? Link { get; }
    public string ContentType { get; init; } = Json;
    public int? RetryAfterSeconds { get; init; }

    /// <summary>False for answers that do not use the primary budget (e.g. /rate_limit).</summary>
    public bool Counts { get; init; } = true;

    public static ApiResponse FromBytes(int status, ReadOnlySpan<byte> body, string contentType = Json, int? retryAfter = null) =>
        new(status, PooledBuffer.From(body)) { ContentType = contentType, RetryAfterSeconds = retryAfter };

    public void Dispose() => Body.Dispose();
}
