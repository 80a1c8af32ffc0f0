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

    /// <summary>The <c>Location</c> of a redirect (the OAuth web flow's).</summary>
    public string? Location { get; init; }

    /// <summary>False for answers that do not use the primary budget (e.g. /rate_limit).</summary>
    public bool Counts { get; init; } = true;

    /// <summary>The budget state to report, for answers that settled their own (GraphQL).</summary>
    public RateSnapshot? Rate { get; init; }

    /// <summary>The GraphQL points the answer used.</summary>
    public int Points { get; init; }

    /// <summary>The GraphQL operation answered.</summary>
    public string? Operation { get; init; }

    /// <summary>The X-GitHub-Request-Id, when the body already quotes it (GraphQL's timeout message).</summary>
    public string? RequestId { get; init; }

    public static ApiResponse FromBytes(int status, ReadOnlySpan<byte> body, string contentType = Json, int? retryAfter = null) =>
        new(status, PooledBuffer.From(body)) { ContentType = contentType, RetryAfterSeconds = retryAfter };

    public void Dispose() => Body.Dispose();
}
