using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GitHubSimulator;

/// <summary>The fake GitHub REST and GraphQL API on Kestrel at 127.0.0.1. Dispose to stop it.</summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly RequestPipeline _pipeline;
    private int _disposed;

    private SimulatorServer(
        WebApplication app, CancellationTokenSource stopping, RequestPipeline pipeline, World world, SimulatorOptions options, RequestLog log, Uri baseUri)
    {
        _app = app;
        _stopping = stopping;
        _pipeline = pipeline;
        World = world;
        Options = options;
        Log = log;
        BaseUri = baseUri;
        GraphQLUri = new Uri(baseUri, pipeline.GraphQLPath);
    }

    /// <summary>The API root, ending with '/': <c>http://127.0.0.1:PORT/</c>, or <c>http://127.0.0.1:PORT/api/v3/</c> with a prefix.</summary>
    public Uri BaseUri { get; }

    /// <summary>The GraphQL endpoint: <c>http://127.0.0.1:PORT/graphql</c>, or <c>http://127.0.0.1:PORT/api/graphql</c> under <c>api/v3</c>.</summary>
    public Uri GraphQLUri { get; }

    /// <summary>The GraphQL points spent since the server started (over every rate-limit window).</summary>
    public long GraphQLPointsUsed => _pipeline.GraphQLPointsUsed;

    /// <summary>The installation tokens minted for GitHub Apps since the server started.</summary>
    public int InstallationTokensIssued => _pipeline.InstallationTokensIssued;

    public World World { get; }

    /// <summary>The live options: faults, latency, token and rate limit apply to the next request.</summary>
    public SimulatorOptions Options { get; }

    public RequestLog Log { get; }

    public static async Task<SimulatorServer> StartAsync(World world, SimulatorOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(world);
        options ??= new SimulatorOptions();
        world.WarmUp();
        var log = new RequestLog();
        var stopping = new CancellationTokenSource();
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatorServer).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        WebApplication app = builder.Build();
        var pipeline = new RequestPipeline(
            world, options, log, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("GitHubSimulator"), stopping.Token);
        app.Run(pipeline.HandleAsync);
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            stopping.Dispose();
            throw;
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var baseUri = new Uri($"http://127.0.0.1:{port}{pipeline.Prefix}/");
        pipeline.Start(baseUri);
        return new SimulatorServer(app, stopping, pipeline, world, options, log, baseUri);
    }

    /// <summary>A client for this server (with the token, when one is required, and GitHub's Accept and User-Agent).</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = BaseUri };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("GitHubSimulator-Client/1.0");
        client.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.github+json");
        if (Options.Token is { } token)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("token", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        try
        {
            await _app.StopAsync(CancellationToken.None);
        }
        finally
        {
            await _app.DisposeAsync();
            _stopping.Dispose();
        }
    }

    /// <summary>No console signal handling: the host is stopped by <see cref="DisposeAsync"/> (the program handles signals).</summary>
    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
