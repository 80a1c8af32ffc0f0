using System.Net;
using System.Net.Sockets;

namespace Health.Core.Reports.Delivery;

/// <summary>
/// Keeps webhooks from reaching this machine or its network (loopback, link-local such as a cloud's metadata service at
/// 169.254.169.254, private, shared, unique-local and reserved ranges): a schedule's URL is typed by a person, and a report
/// sent inward would turn the app into a probe of what the network hides. Checked on the address the socket actually
/// connects to, after DNS, so a name that resolves inward (or is rebound to) is refused too.
/// </summary>
public static class PrivateAddresses
{
    /// <summary>What the delivery's stored error says when every address of the host was refused.</summary>
    public const string Refusal = "refused: private address";

    private static readonly IPNetwork[] Ranges =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/3"),
        IPNetwork.Parse("::/96"),
        IPNetwork.Parse("::ffff:0:0:0/96"),
        IPNetwork.Parse("2001::/32"),
        IPNetwork.Parse("2002::/16"),
        IPNetwork.Parse("64:ff9b:1::/48"),
        IPNetwork.Parse("100::/64"),
        IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>
    /// Whether <paramref name="address"/> is not a public unicast address (IPv4 inside IPv6 judged as IPv4; the IPv4-compatible,
    /// SIIT, Teredo and 6to4 forms, which can carry any IPv4 address, refused whole).
    /// </summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        else if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(address))
        {
            // NAT64: the IPv4 address it carries is where the packets go.
            address = new IPAddress(address.GetAddressBytes()[12..]);
        }

        return Ranges.Any(r => r.BaseAddress.AddressFamily == address.AddressFamily && r.Contains(address));
    }

    /// <summary>
    /// A <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host, connects to its first public address that
    /// answers, and checks the connected peer again; throws <see cref="PrivateAddressException"/> when there was none but
    /// private ones (unless <paramref name="allowPrivate"/>).
    /// </summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Connect(Func<bool> allowPrivate) => async (context, ct) =>
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        var allowed = allowPrivate();
        var candidates = allowed ? addresses : addresses.Where(a => !IsPrivate(a)).ToArray();
        if (candidates.Length == 0)
        {
            throw new PrivateAddressException(endpoint.Host);
        }

        Exception? last = null;
        foreach (var address in candidates)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), ct);
                if (!allowed && socket.RemoteEndPoint is IPEndPoint peer && IsPrivate(peer.Address))
                {
                    throw new PrivateAddressException(endpoint.Host);
                }

                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    };
}

/// <summary>A webhook whose host has only private addresses (<see cref="PrivateAddresses"/>).</summary>
public sealed class PrivateAddressException(string host)
    : IOException($"{host} has only private addresses (loopback, link-local, private or reserved); webhooks to them are refused unless Reports:AllowPrivateWebhooks is true.");
