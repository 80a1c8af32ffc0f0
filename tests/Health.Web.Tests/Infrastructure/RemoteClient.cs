using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Health.Web.Tests.Infrastructure;

/// <summary>
/// A real client on another host, as the app sees it: a network namespace joined to this one by a veth pair, made by the
/// test and removed after. The app listens on <see cref="ServerAddress"/> (this side of the pair); a client's sockets are
/// opened inside the namespace, so they connect from <see cref="ClientAddress"/>, not from loopback. Needs root (as CI runs);
/// elsewhere it fails saying so.
/// </summary>
public sealed class RemoteClient : IDisposable
{
    private const int CloneNewNet = 0x40000000;

    private static int _next;

    private readonly string _namespace;
    private readonly string _hostLink;

    private RemoteClient(string ns, string hostLink, IPAddress server, IPAddress client)
    {
        _namespace = ns;
        _hostLink = hostLink;
        ServerAddress = server;
        ClientAddress = client;
    }

    /// <summary>This side's address of the pair: the app listens on it.</summary>
    public IPAddress ServerAddress { get; }

    /// <summary>The namespace's address: what the app sees as the client's.</summary>
    public IPAddress ClientAddress { get; }

    public static RemoteClient Create()
    {
        if (geteuid() != 0)
        {
            throw new InvalidOperationException("These tests make a network namespace (ip netns, a veth pair) to get a real non-loopback client, which needs root: run the suite as root, as CI does (.ci/run).");
        }

        var n = (Environment.ProcessId % 200) + Interlocked.Increment(ref _next);
        var subnet = (Environment.ProcessId + Interlocked.Increment(ref _next)) % 250 + 1;
        var ns = $"health-t{Environment.ProcessId}-{n}";
        var hostLink = $"hvh{Environment.ProcessId % 100000}x{n}";
        var peerLink = $"hvp{Environment.ProcessId % 100000}x{n}";
        var server = IPAddress.Parse($"10.231.{subnet}.1");
        var client = IPAddress.Parse($"10.231.{subnet}.2");
        var remote = new RemoteClient(ns, hostLink, server, client);
        try
        {
            Ip($"netns add {ns}");
            Ip($"link add {hostLink} type veth peer name {peerLink}");
            Ip($"link set {peerLink} netns {ns}");
            Ip($"addr add {server}/30 dev {hostLink}");
            Ip($"link set {hostLink} up");
            Ip($"-n {ns} addr add {client}/30 dev {peerLink}");
            Ip($"-n {ns} link set {peerLink} up");
            Ip($"-n {ns} link set lo up");
        }
        catch
        {
            remote.Dispose();
            throw;
        }

        return remote;
    }

    /// <summary>An HTTP client whose connections are opened inside the namespace: to the app, a client on another host.</summary>
    public HttpClient CreateClient(Uri baseAddress) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        ConnectCallback = (context, ct) => ValueTask.FromResult<Stream>(new NetworkStream(ConnectInside(context.DnsEndPoint), ownsSocket: true)),
    })
    { BaseAddress = baseAddress };

    public void Dispose()
    {
        // Deleting the namespace deletes the peer inside it, and with it this side of the pair.
        TryIp($"netns del {_namespace}");
        TryIp($"link del {_hostLink}");
    }

    /// <summary>A socket created inside the namespace (on a thread that joined it; a socket stays in the namespace it was made in), connected.</summary>
    private Socket ConnectInside(DnsEndPoint endpoint)
    {
        Socket? connected = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/var/run/netns/{_namespace}");
                if (setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns into {_namespace} failed: errno {Marshal.GetLastWin32Error()}");
                }

                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Connect(IPAddress.Parse(endpoint.Host), endpoint.Port);
                connected = socket;
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return connected ?? throw new InvalidOperationException($"Connecting to {endpoint.Host}:{endpoint.Port} from inside {_namespace} failed.", failure);
    }

    private static void Ip(string arguments)
    {
        var (code, output) = Run(arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"ip {arguments} failed ({code}): {output}");
        }
    }

    private static void TryIp(string arguments) => Run(arguments);

    private static (int Code, string Output) Run(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("ip", arguments) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("Could not start ip (iproute2).");
        var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setns(int fd, int nstype);

    [DllImport("libc")]
    private static extern uint geteuid();
}
