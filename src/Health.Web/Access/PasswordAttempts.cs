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

    /// <summary>
    /// Starts an attempt of <paramref name="client"/>: refused while it must wait; else counted at once as a failure (a right
    /// password clears it, <see cref="Succeed"/>), so that attempts made in parallel are all counted before any is checked.
    /// <see cref="Attempt.Wait"/> is the wait this one starts if it fails (zero while attempts are left).
    /// </summary>
    public Attempt Begin(string client)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var known = _clients.TryGetValue(client, out Failures? f) ? f : null;
            if (known?.LockedUntil is { } until && until > now)
            {
                return new Attempt(false, until - now, known.Count);
            }

            var failures = (known?.Count ?? 0) + 1;
            var allowed = options.Value.PasswordAttempts;
            var wait = failures < allowed
                ? TimeSpan.Zero
                : TimeSpan.FromTicks(Math.Min(MaxWait.Ticks, options.Value.PasswordLockout.Ticks * (1L << Math.Min(failures - allowed, 20))));
            _clients.Set(client, new Failures(failures, wait > TimeSpan.Zero ? now + wait : null), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromDays(1) });
            return new Attempt(true, wait, failures);
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

    /// <summary>An attempt: whether it may be checked, the wait (left, or that it starts if it fails), and the failures counted so far.</summary>
    public readonly record struct Attempt(bool Allowed, TimeSpan Wait, int Failures);
}
