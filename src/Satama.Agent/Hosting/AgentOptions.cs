using Microsoft.Extensions.Logging;

namespace Satama.Agent;

/// <summary>How to run a node agent: which master to join, as which node, on which engine.</summary>
public sealed record AgentOptions
{
    /// <summary>The master's https URL (REST and the agent link share its port).</summary>
    public required Uri MasterUrl { get; init; }

    /// <summary>The grid's join token (shown by `satama grid show`).</summary>
    public required string GridToken { get; init; }

    /// <summary>SHA-256 of the master's CA. Null: trust on first use, saved in <see cref="DataDir"/>.</summary>
    public string? CaFingerprint { get; init; }

    public required string NodeName { get; init; }

    public string DockerHost { get; init; } = "unix:///var/run/docker.sock";

    /// <summary>Where the agent keeps its last desired set, restart counts and the pinned CA.</summary>
    public required string DataDir { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The address peers reach this node on; null lets the master decide.</summary>
    public string? Address { get; init; }

    /// <summary>The WireGuard interface of the grid's overlay; null runs without an overlay (containers on the engine's default bridge).</summary>
    public string? WgInterface { get; init; }

    /// <summary>The UDP port WireGuard listens on.</summary>
    public int OverlayPort { get; init; } = 51820;

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    /// <summary>
    /// Where file secrets are written (one 0700 directory per container, bind-mounted read-only into it). Put it on a
    /// tmpfs. Null: /dev/shm/satama-secrets/ID (ID from <see cref="DataDir"/>), or DATA/secrets on a host without /dev/shm.
    /// </summary>
    public string? SecretsDir { get; init; }

    /// <summary>The ingress load balancer (run on nodes labelled ingress=true unless told otherwise).</summary>
    public Lb.LbOptions Lb { get; init; } = new();
}
