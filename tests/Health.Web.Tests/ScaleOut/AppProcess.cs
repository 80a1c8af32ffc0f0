using System.Collections.Concurrent;
using System.Diagnostics;

namespace Health.Web.Tests.ScaleOut;

/// <summary>
/// The real executable (<c>dotnet Health.Web.dll</c>, as an operator runs it) as its own process, configured through its
/// environment, on a loopback port of its own choosing (read from its "Now listening on" line). Disposing it kills it.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    public bool HasExited => _process.HasExited;

    /// <summary>What it wrote (stdout and stderr, the last 300 lines), for a failure's message.</summary>
    public string Output => $"--- {Name} (pid {_process.Id}) ---\n{string.Join('\n', _output)}";

    /// <param name="settings">Configuration keys (<c>Jobs:Workers</c>), passed as environment variables (<c>Jobs__Workers</c>).</param>
    public static async Task<AppProcess> StartAsync(string name, IReadOnlyDictionary<string, string?> settings, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Health.Web.dll"));
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var app = new AppProcess(name, Process.Start(start) ?? throw new InvalidOperationException("could not start Health.Web"));
        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            app._output.Enqueue(line);
            while (app._output.Count > 300 && app._output.TryDequeue(out _))
            {
            }

            const string Marker = "Now listening on: ";
            if (line.IndexOf(Marker, StringComparison.Ordinal) is var at and >= 0)
            {
                listening.TrySetResult(new Uri(line[(at + Marker.Length)..].Trim().TrimEnd('/') + "/"));
            }
        }

        app._process.OutputDataReceived += (_, e) => Read(e.Data);
        app._process.ErrorDataReceived += (_, e) => Read(e.Data);
        app._process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"{name} exited before it listened"));
        app._process.EnableRaisingEvents = true;
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            app.BaseUri = await listening.Task.WaitAsync(timeout);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            var output = app.Output;
            await app.DisposeAsync();
            throw new InvalidOperationException($"{name} did not start: {e.Message}\n{output}", e);
        }

        return app;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseUri };

    /// <summary>SIGKILL: no shutdown, no cleanup, as when a machine dies.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // It had gone already.
        }

        _process.Dispose();
    }
}
