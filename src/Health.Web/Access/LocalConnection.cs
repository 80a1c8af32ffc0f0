using System.Net;
using Microsoft.AspNetCore.Connections.Features;

namespace Health.Web.Access;

/// <summary>
/// Whether a request comes from this machine, judged by the socket Kestrel accepted, never by what the request says of itself:
/// forwarded-header processing (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>, a proxy's <c>X-Forwarded-For</c>) rewrites
/// <see cref="ConnectionInfo.RemoteIpAddress"/>, not the socket.
/// </summary>
public static class LocalConnection
{
    /// <summary>
    /// Headers by which a proxy relays a request, including those the framework leaves behind after processing them
    /// (<c>X-Original-*</c>): a request that carries any of them was relayed, so a proxy on this machine cannot make a
    /// remote client look local.
    /// </summary>
    private static readonly string[] RelayHeaders = ["Forwarded", "X-Real-IP", "X-Client-IP", "True-Client-IP", "CF-Connecting-IP", "Via"];

    private static readonly string[] RelayPrefixes = ["X-Forwarded-", "X-Original-"];

    /// <summary>
    /// The request came over a TCP connection from a loopback address (as the kernel reports the peer), names a loopback
    /// host (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>, any port), carries no relay header of any kind, and is not
    /// HTTP/1.0 (what nginx's <c>proxy_pass</c> sends by default, with no forwarding header unless told). A connection with
    /// no socket (a Unix socket, a named pipe, an in-process server) is not local: anything could be behind it.
    /// </summary>
    public static bool IsLocal(HttpContext context) =>
        IsLoopbackSocket(context) && NamesLoopback(context.Request.Host) && !IsRelayed(context.Request.Headers)
        && !HttpProtocol.IsHttp10(context.Request.Protocol);

    /// <summary>
    /// Whether a secret (the operator password, a sign-in) may be sent in this request: over HTTPS (directly, or as a TLS
    /// proxy says with forwarded headers on), from this machine itself (<see cref="IsLocal"/>), or anywhere when the
    /// deployment allows it (<see cref="AccessOptions.AllowInsecureHttp"/>).
    /// </summary>
    public static bool MaySendSecrets(HttpContext context, AccessOptions access) =>
        context.Request.IsHttps || access.AllowInsecureHttp || IsLocal(context);

    /// <summary>The peer of the accepted socket is a loopback IP address.</summary>
    public static bool IsLoopbackSocket(HttpContext context) => SocketPeer(context) is { } peer && IPAddress.IsLoopback(peer);

    /// <summary>The peer address of the accepted TCP socket (IPv4-mapped addresses as IPv4), or null without one.</summary>
    public static IPAddress? SocketPeer(HttpContext context)
    {
        var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        if (socket?.RemoteEndPoint is IPEndPoint peer)
        {
            return peer.Address.IsIPv4MappedToIPv6 ? peer.Address.MapToIPv4() : peer.Address;
        }

        return null;
    }

    /// <summary>
    /// A key for per-client limits: the socket's peer address (behind a proxy, its clients share it), an IPv6 one by its /64
    /// (a client holds a whole /64 and could rotate through it), or what the framework says without a socket.
    /// </summary>
    public static string ClientKey(HttpContext context)
    {
        var address = SocketPeer(context) ?? context.Connection.RemoteIpAddress;
        if (address is { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 })
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address?.ToString() ?? "unknown";
    }

    public static bool NamesLoopback(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }

        var name = host.Host;
        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    public static bool IsRelayed(IHeaderDictionary headers) =>
        headers.Keys.Any(k => RelayHeaders.Contains(k, StringComparer.OrdinalIgnoreCase) || RelayPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase)));
}
