using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Satama.Agent.Lb;

/// <summary>Per-route request, error (5xx) and latency counters, written in the Prometheus text format.</summary>
internal sealed class LbMetrics
{
    public const string NoRoute = "(none)";
    private static readonly double[] s_buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly ConcurrentDictionary<string, RouteCounters> _routes = new(StringComparer.Ordinal);

    public void Record(string? route, int status, double seconds)
    {
        var counters = _routes.GetOrAdd(route ?? NoRoute, static _ => new RouteCounters());
        Interlocked.Increment(ref counters.Requests);
        if (status >= 500)
        {
            Interlocked.Increment(ref counters.Errors);
        }
        var bucket = 0;
        while (bucket < s_buckets.Length && seconds > s_buckets[bucket])
        {
            bucket++;
        }
        Interlocked.Increment(ref counters.Buckets[bucket]);
        Interlocked.Add(ref counters.MicrosSum, (long)(seconds * 1_000_000));
    }

    public (long Requests, long Errors) Totals(string route) =>
        _routes.TryGetValue(route, out var c) ? (Interlocked.Read(ref c.Requests), Interlocked.Read(ref c.Errors)) : (0, 0);

    public string Format()
    {
        var sb = new StringBuilder();
        sb.Append("# HELP satama_lb_requests_total Requests answered by the load balancer, by route.\n# TYPE satama_lb_requests_total counter\n");
        var routes = _routes.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        foreach (var (route, c) in routes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"satama_lb_requests_total{{route=\"{Escape(route)}\"}} {Interlocked.Read(ref c.Requests)}\n");
        }
        sb.Append("# HELP satama_lb_errors_total Requests answered with a 5xx status (including failed forwards), by route.\n# TYPE satama_lb_errors_total counter\n");
        foreach (var (route, c) in routes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"satama_lb_errors_total{{route=\"{Escape(route)}\"}} {Interlocked.Read(ref c.Errors)}\n");
        }
        sb.Append("# HELP satama_lb_request_duration_seconds Time to answer a request, by route.\n# TYPE satama_lb_request_duration_seconds histogram\n");
        foreach (var (route, c) in routes)
        {
            var label = Escape(route);
            long cumulative = 0;
            for (var i = 0; i < s_buckets.Length; i++)
            {
                cumulative += Interlocked.Read(ref c.Buckets[i]);
                sb.Append(CultureInfo.InvariantCulture, $"satama_lb_request_duration_seconds_bucket{{route=\"{label}\",le=\"{s_buckets[i]}\"}} {cumulative}\n");
            }
            cumulative += Interlocked.Read(ref c.Buckets[s_buckets.Length]);
            sb.Append(CultureInfo.InvariantCulture, $"satama_lb_request_duration_seconds_bucket{{route=\"{label}\",le=\"+Inf\"}} {cumulative}\n");
            sb.Append(CultureInfo.InvariantCulture, $"satama_lb_request_duration_seconds_sum{{route=\"{label}\"}} {Interlocked.Read(ref c.MicrosSum) / 1_000_000.0}\n");
            sb.Append(CultureInfo.InvariantCulture, $"satama_lb_request_duration_seconds_count{{route=\"{label}\"}} {cumulative}\n");
        }
        return sb.ToString();
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private sealed class RouteCounters
    {
        public long Requests;
        public long Errors;
        public long MicrosSum;
        public readonly long[] Buckets = new long[s_buckets.Length + 1];
    }
}
