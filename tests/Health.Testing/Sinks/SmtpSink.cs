using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Health.Testing;

/// <summary>
/// A real SMTP server on loopback (the SmtpServer package) that keeps what it receives, parsed by MimeKit. It can refuse
/// the next N messages with a 554, to play an SMTP server that fails and then recovers, and it can require a login
/// (AUTH PLAIN or LOGIN, offered without TLS on loopback) with one user name and password.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private int _refuseNext;
    private int _refused;

    private SmtpSink(int port, string? user)
    {
        Port = port;
        User = user;
    }

    public int Port { get; }

    /// <summary>The only user who may log in; null: no login is required (nor offered).</summary>
    public string? User { get; }

    /// <summary>The password <see cref="User"/> logs in with; it can change, as when it is rotated on the server.</summary>
    public string? Password { get; set; }

    /// <summary>The messages accepted, with the envelope's recipients.</summary>
    public ConcurrentQueue<(MimeMessage Message, IReadOnlyList<string> Envelope)> Received { get; } = new();

    /// <summary>For each message accepted, the user its session logged in as (null: none).</summary>
    public ConcurrentQueue<string?> ReceivedAs { get; } = new();

    /// <summary>Every login attempt: the user name given, and whether it was accepted (the password is not kept).</summary>
    public ConcurrentQueue<(string User, bool Accepted)> Logins { get; } = new();

    /// <summary>How many messages were refused so far.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>The settings that point the app at this server.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "Health <health@example.org>",
        ["Smtp:Timeout"] = "00:00:05",
    };

    /// <param name="user">Require a login as this user (with <paramref name="password"/>) before any message; null: no login.</param>
    /// <param name="password">The password <paramref name="user"/> logs in with.</param>
    public static async Task<SmtpSink> StartAsync(string? user = null, string? password = null)
    {
        var sink = new SmtpSink(FreePort(), user) { Password = password };
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e =>
            {
                e.Endpoint(new IPEndPoint(IPAddress.Loopback, sink.Port));
                if (user is not null)
                {
                    e.AuthenticationRequired().AllowUnsecureAuthentication();
                }
            })
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(sink));
        services.Add(new Authenticator(sink));
        var server = new SmtpServer.SmtpServer(options, services);
        sink._running = server.StartAsync(sink._stop.Token);
        await WaitListeningAsync(sink.Port);
        return sink;
    }

    /// <summary>Accepts every message again and forgets what was received and refused.</summary>
    public void Reset()
    {
        RefuseNext(0);
        Interlocked.Exchange(ref _refused, 0);
        Received.Clear();
        ReceivedAs.Clear();
        Logins.Clear();
    }

    /// <summary>Refuses the next <paramref name="count"/> messages (int.MaxValue: every one).</summary>
    public void RefuseNext(int count) => Volatile.Write(ref _refuseNext, count);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The server starts listening in the background: the sink is handed out only once a client can connect.</summary>
    private static Task WaitListeningAsync(int port) => Eventually.TrueAsync(
        async () =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        },
        $"the SMTP sink to listen on port {port}",
        TimeSpan.FromSeconds(5));

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var left = Volatile.Read(ref sink._refuseNext);
            if (left > 0)
            {
                if (left != int.MaxValue)
                {
                    Interlocked.Decrement(ref sink._refuseNext);
                }

                Interlocked.Increment(ref sink._refused);
                return Task.FromResult(new SmtpResponse(SmtpReplyCode.TransactionFailed, "mailbox store is down (test)"));
            }

            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, cancellationToken);
            sink.ReceivedAs.Enqueue(context.Authentication.IsAuthenticated ? context.Authentication.User : null);
            sink.Received.Enqueue((message, transaction.To.Select(m => $"{m.User}@{m.Host}").ToList()));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Authenticator(SmtpSink sink) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
        {
            var accepted = sink.User is not null && user == sink.User && password == sink.Password;
            sink.Logins.Enqueue((user, accepted));
            return Task.FromResult(accepted);
        }
    }
}
