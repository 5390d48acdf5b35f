using System.Net;
using System.Text;

namespace Satama.Agent.Lb.Http1;

/// <summary>
/// The plain-HTTP proxy's routing table: an immutable snapshot of the master's routes, swapped whole when they change
/// (requests in flight keep the backend they have). Per-instance state (requests in flight, passive health) lives in
/// <see cref="ProxyBackend"/>s that carry over from one snapshot to the next.
/// </summary>
internal sealed class ProxyRoutes
{
    public static readonly ProxyRoutes Empty = new([]);

    private ProxyRoutes(IReadOnlyList<ProxyRoute> routes) => Routes = routes;

    public IReadOnlyList<ProxyRoute> Routes { get; }

    /// <summary>The new table; backends already known (same route, same container and address) keep their state.</summary>
    public static ProxyRoutes From(IEnumerable<Protocol.LbRoute> routes, ProxyRoutes previous)
    {
        var known = previous.Routes.SelectMany(r => r.Backends.Select(b => (r.Id, b)))
            .ToDictionary(x => (x.Id, x.b.Container, x.b.Address), x => x.b);
        var list = new List<ProxyRoute>();
        foreach (var route in routes)
        {
            var backends = new List<ProxyBackend>();
            foreach (var backend in route.Backends.DistinctBy(b => b.Container, StringComparer.Ordinal))
            {
                if (!IPEndPoint.TryParse(backend.Address, out var endpoint))
                {
                    continue;
                }
                backends.Add(known.TryGetValue((route.Id, backend.Container, backend.Address), out var existing)
                    ? existing
                    : new ProxyBackend(backend.Container, backend.Address, endpoint));
            }
            list.Add(new ProxyRoute(route, [.. backends]));
        }
        return new ProxyRoutes(list);
    }

    /// <summary>The first route (the master orders them: longest path first) matching the host (port removed) and path.</summary>
    public ProxyRoute? Match(ReadOnlySpan<byte> host, ReadOnlySpan<byte> path)
    {
        foreach (var route in Routes)
        {
            if (route.Matches(host, path))
            {
                return route;
            }
        }
        return null;
    }
}

/// <summary>One route of the table with the instances it sends to.</summary>
internal sealed class ProxyRoute
{
    private readonly byte[][] _hosts;
    private readonly byte[] _prefix;

    public ProxyRoute(Protocol.LbRoute route, ProxyBackend[] backends)
    {
        Id = route.Id;
        _hosts = [.. route.Hosts.Select(h => Encoding.ASCII.GetBytes(h.ToLowerInvariant()))];
        var prefix = route.Path.TrimEnd('/');
        _prefix = Encoding.ASCII.GetBytes(prefix);
        StripPrefix = route.StripPath && prefix.Length > 0 ? prefix : null;
        RedirectHttps = route.RedirectHttps;
        Sticky = route.Sticky;
        Backends = backends;
    }

    public string Id { get; }

    /// <summary>The path prefix to remove before forwarding, or null.</summary>
    public string? StripPrefix { get; }

    public int StripLength => _prefix.Length;

    public bool RedirectHttps { get; }

    public bool Sticky { get; }

    public ProxyBackend[] Backends { get; }

    public bool Matches(ReadOnlySpan<byte> host, ReadOnlySpan<byte> path)
    {
        // The prefix matches whole segments: /api matches /api, /api/ and /api/x but not /apix.
        if (_prefix.Length > 0 && !(StartsWithIgnoreCase(path, _prefix) && (path.Length == _prefix.Length || path[_prefix.Length] is (byte)'/' or (byte)'?')))
        {
            return false;
        }
        if (_hosts.Length == 0)
        {
            return true;
        }
        foreach (var pattern in _hosts)
        {
            if (HostMatches(host, pattern))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The instance for a request: the sticky one when it is still here and healthy, else the less busy of two
    /// (power of two choices) among the healthy ones, among all when none is healthy. Null when there are none;
    /// the two excluded are those a retry already tried.
    /// </summary>
    public ProxyBackend? Pick(ReadOnlySpan<byte> affinity, long now, ProxyBackend? exclude1, ProxyBackend? exclude2)
    {
        var backends = Backends;
        if (Sticky && affinity.Length > 0)
        {
            foreach (var b in backends)
            {
                if (b.AffinityValue.AsSpan().SequenceEqual(affinity) && b.IsHealthy(now) && b != exclude1 && b != exclude2)
                {
                    return b;
                }
            }
        }
        Span<int> eligible = backends.Length <= 256 ? stackalloc int[backends.Length] : new int[backends.Length];
        var count = Eligible(backends, now, exclude1, exclude2, requireHealthy: true, eligible);
        if (count == 0)
        {
            count = Eligible(backends, now, exclude1, exclude2, requireHealthy: false, eligible);
        }
        if (count <= 1)
        {
            return count == 0 ? null : backends[eligible[0]];
        }
        var first = backends[eligible[Random.Shared.Next(count)]];
        var second = backends[eligible[Random.Shared.Next(count)]];
        return Volatile.Read(ref first.InFlight) <= Volatile.Read(ref second.InFlight) ? first : second;
    }

    private static int Eligible(ProxyBackend[] backends, long now, ProxyBackend? exclude1, ProxyBackend? exclude2, bool requireHealthy, Span<int> into)
    {
        var count = 0;
        for (var i = 0; i < backends.Length; i++)
        {
            var b = backends[i];
            if (b != exclude1 && b != exclude2 && (!requireHealthy || b.IsHealthy(now)))
            {
                into[count++] = i;
            }
        }
        return count;
    }

    private static bool HostMatches(ReadOnlySpan<byte> host, byte[] pattern)
    {
        if (pattern.Length > 2 && pattern[0] == '*' && pattern[1] == '.')
        {
            var suffix = pattern.AsSpan(1);
            var dot = host.IndexOf((byte)'.');
            return dot > 0 && host.Length - dot == suffix.Length && EqualsIgnoreCase(host[dot..], suffix);
        }
        return EqualsIgnoreCase(host, pattern);
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> lowerPrefix) =>
        value.Length >= lowerPrefix.Length && EqualsIgnoreCase(value[..lowerPrefix.Length], lowerPrefix);

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> other) => Ascii.EqualsIgnoreCase(value, other);
}

/// <summary>
/// An instance behind a route: where it is, how busy, and its passive health. Transport failures (refused, reset,
/// timed out, an answer cut short) above 30% of at least 3 requests within 10 s take it out for 10 s.
/// </summary>
internal sealed class ProxyBackend(string container, string address, IPEndPoint endpoint)
{
    private const long WindowMs = 10_000;
    private const int MinimalRequests = 3;
    private const double FailureRateLimit = 0.3;
    private static readonly long s_reactivationMs = (long)LbProxyConfig.Reactivation.TotalMilliseconds;

    private readonly object _gate = new();
    private long _windowStart;
    private int _requests;
    private int _failures;
    private long _unhealthyUntil;

    public int InFlight;

    public string Container { get; } = container;

    public string Address { get; } = address;

    /// <summary>The address as the Host of a request that came without one (HTTP/1.0), made once.</summary>
    public byte[] AddressBytes { get; } = Encoding.ASCII.GetBytes(address);

    public IPEndPoint Endpoint { get; } = endpoint;

    /// <summary>The affinity cookie's value for this instance: a hash of its name, not the name itself.</summary>
    public byte[] AffinityValue { get; } = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(container)))[..16]);

    public bool IsHealthy(long now) => Volatile.Read(ref _unhealthyUntil) <= now;

    /// <summary>Counts a finished forward; true when this failure just took the instance out.</summary>
    public bool Record(bool failed, long now)
    {
        lock (_gate)
        {
            if (now - _windowStart > WindowMs)
            {
                _windowStart = now;
                _requests = 0;
                _failures = 0;
            }
            _requests++;
            if (!failed)
            {
                return false;
            }
            _failures++;
            if (_requests >= MinimalRequests && _failures > FailureRateLimit * _requests && IsHealthy(now))
            {
                Volatile.Write(ref _unhealthyUntil, now + s_reactivationMs);
                _windowStart = now;
                _requests = 0;
                _failures = 0;
                return true;
            }
            return false;
        }
    }
}
