namespace Satama.Agent.Lb;

/// <summary>How an ingress node's load balancer listens (agent flags --lb-*).</summary>
public sealed record LbOptions
{
    /// <summary>Null: run it when the node is labelled ingress=true.</summary>
    public bool? Enabled { get; init; }

    public string BindAddress { get; init; } = "0.0.0.0";

    public int HttpPort { get; init; } = 80;

    /// <summary>0: no HTTPS listener.</summary>
    public int HttpsPort { get; init; } = 443;

    /// <summary>Prometheus metrics at /metrics; 0: none.</summary>
    public int MetricsPort { get; init; } = 9180;

    /// <summary>
    /// Event loops (threads) of the plain-HTTP proxy; 0: half the cores, at least one. The other half is left to the
    /// kernel's network work and the services: on 2 shared cores one loop spent 26.8 µs of CPU per request, two 29.2.
    /// </summary>
    public int Threads { get; init; }

    /// <summary>One line per request on stderr (logger category Satama.Lb.Access).</summary>
    public bool AccessLog { get; init; } = true;
}
