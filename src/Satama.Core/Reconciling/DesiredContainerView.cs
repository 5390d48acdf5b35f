using Satama.Core.Model;

namespace Satama.Core.Reconciling;

/// <summary>One container that should exist on the node, as the master sent it.</summary>
public sealed record DesiredContainerView
{
    /// <summary>The deterministic Docker container name (see <see cref="InstanceNames.Container"/>).</summary>
    public required string Name { get; init; }
    public required string Grid { get; init; }
    public string Stack { get; init; } = Names.NullStack;
    public required string Service { get; init; }
    public int Instance { get; init; } = 1;
    public long Revision { get; init; } = 1;
    public required string Image { get; init; }
    /// <summary>Empty: the image's CMD.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];
    /// <summary>Empty: the image's ENTRYPOINT.</summary>
    public IReadOnlyList<string> Entrypoint { get; init; } = [];
    /// <summary>Volumes, bind mounts and tmpfs mounts; a named volume is created on the node first (unless external).</summary>
    public IReadOnlyList<MountSpec> Mounts { get; init; } = [];
    /// <summary>Config files with their content (not secret: kept in the agent's saved desired set).</summary>
    public IReadOnlyList<ServiceConfig> Configs { get; init; } = [];
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<PortBindingView> Ports { get; init; } = [];
    public RestartPolicy Restart { get; init; } = RestartPolicy.Always;
    /// <summary>Extra labels; the io.satama.* ones are added by the agent.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary>Hash of everything that shapes the container; a change means "replace".</summary>
    public required string SpecHash { get; init; }
    /// <summary>The service's health check, run by the agent; null: the image's HEALTHCHECK or a TCP connect.</summary>
    public HealthCheck? Health { get; init; }
    /// <summary>Vault secrets with their values (in memory only; see <see cref="DesiredSecretView"/>).</summary>
    public IReadOnlyList<DesiredSecretView> Secrets { get; init; } = [];
    /// <summary>How the container runs (init, stop signal and grace, ...); the default: as before these existed.</summary>
    public RuntimeSpec Runtime { get; init; } = RuntimeSpec.Default;
    /// <summary>The grid's allowed bind paths that hold one of its bind sources (the agent's own paths need one).</summary>
    public IReadOnlyList<string> AllowedBinds { get; init; } = [];
}
