using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Health.Web.Access;

/// <summary>
/// Failed operator passwords per client (<see cref="LocalConnection.ClientKey"/>): after <see cref="AccessOptions.PasswordAttempts"/>
/// failures a client waits <see cref="AccessOptions.PasswordLockout"/>, doubled by each failure after that, up to an hour; a
/// right password clears its count. Bounded: at most <see cref="MaxClients"/> clients are remembered, each for a day at most.
/// </summary>
public sealed class PasswordAttempts(IOptions<AccessOptions> options, TimeProvider time) : IDisposable
{
    public const int MaxClients = 10_000;

    private static readonly TimeSpan MaxWait = TimeSpan.FromHours(1);

    private readonly MemoryCache _clients = new(new MemoryCacheOptions { SizeLimit = MaxClients });
    private readonly Lock _gate = new();

    /// <summary>How long <paramref name="client"/> must still wait before it may try again; zero if it may now.</summary>
    public TimeSpan WaitFor(string client)
    {
        lock (_gate)
        {
            return _clients.TryGetValue(client, out Failures? f) && f!.LockedUntil is { } until && until > time.GetUtcNow()
                ? until - time.GetUtcNow()
                : TimeSpan.Zero;
        }
    }

    /// <summary>Counts a failure; returns the wait it starts (zero while the client still has attempts left) and the count so far.</summary>
    public (TimeSpan Wait, int Failures) Fail(string client)
    {
        lock (_gate)
        {
            var failures = (_clients.TryGetValue(client, out Failures? f) ? f!.Count : 0) + 1;
            var allowed = options.Value.PasswordAttempts;
            var wait = failures < allowed
                ? TimeSpan.Zero
                : TimeSpan.FromTicks(Math.Min(MaxWait.Ticks, options.Value.PasswordLockout.Ticks * (1L << Math.Min(failures - allowed, 20))));
            var now = time.GetUtcNow();
            _clients.Set(client, new Failures(failures, wait > TimeSpan.Zero ? now + wait : null), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromDays(1) });
            return (wait, failures);
        }
    }

    public void Succeed(string client)
    {
        lock (_gate)
        {
            _clients.Remove(client);
        }
    }

    public void Dispose() => _clients.Dispose();

    private sealed record Failures(int Count, DateTimeOffset? LockedUntil);
}
