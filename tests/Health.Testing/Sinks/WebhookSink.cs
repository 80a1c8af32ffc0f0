using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Health.Testing;

/// <summary>A loopback HTTP listener (Kestrel) that keeps every webhook POST it receives; it can answer 500 instead.</summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookSink(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Body, string? ContentType, string? IdempotencyKey)> Received { get; } = new();

    /// <summary>Answer 500 to every request while true.</summary>
    public bool Failing { get; set; }

    /// <summary>The URL to give as a webhook, with a secret-looking path.</summary>
    public string Url { get; private set; } = string.Empty;

    public static async Task<WebhookSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var sink = new WebhookSink(app);
        app.MapPost("/hooks/{secret}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            if (sink.Failing)
            {
                return Results.StatusCode(500);
            }

            sink.Received.Enqueue((body, http.Request.ContentType, http.Request.Headers["Idempotency-Key"].ToString()));
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink.Url = $"{address.TrimEnd('/')}/hooks/T0-B0-secret";
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
