namespace Satama.Core.Stacks.Model;

/// <summary>
/// One service of a stack, normalized: the union of what Compose and Kontena can say. Null means
/// "not set" (the image's or the platform's default); empty lists and maps mean none.
/// </summary>
public sealed record StackServiceSpec
{
    public required string Name { get; init; }
    public string? Image { get; init; }
    public ValueList<string>? Command { get; init; }
    public ValueList<string>? Entrypoint { get; init; }
    public ValueMap<string> Environment { get; init; } = ValueMap<string>.Empty;
    public ValueList<StackPort> Ports { get; init; } = ValueList<StackPort>.Empty;
    public ValueList<string> Expose { get; init; } = ValueList<string>.Empty;
    public ValueList<StackVolumeMount> Volumes { get; init; } = ValueList<StackVolumeMount>.Empty;

    /// <summary>Network name to its aliases.</summary>
    public ValueMap<ValueList<string>> Networks { get; init; } = ValueMap<ValueList<string>>.Empty;
    public ValueList<ServiceDependency> DependsOn { get; init; } = ValueList<ServiceDependency>.Empty;
    public ValueList<string> Links { get; init; } = ValueList<string>.Empty;
    public ValueList<string> ExternalLinks { get; init; } = ValueList<string>.Empty;
    public ValueMap<string> Labels { get; init; } = ValueMap<string>.Empty;
    public HealthCheckSpec? HealthCheck { get; init; }

    /// <summary>always | on-failure | no | unless-stopped (Compose <c>restart</c> or <c>deploy.restart_policy.condition</c>).</summary>
    public string? Restart { get; init; }
    public bool? Init { get; init; }
    public string? User { get; init; }
    public string? WorkingDir { get; init; }
    public string? Hostname { get; init; }
    public ValueList<string> Dns { get; init; } = ValueList<string>.Empty;
    public ValueList<string> DnsSearch { get; init; } = ValueList<string>.Empty;
    public ValueList<string> ExtraHosts { get; init; } = ValueList<string>.Empty;
    public ValueList<string> Devices { get; init; } = ValueList<string>.Empty;
    public ValueList<string> CapAdd { get; init; } = ValueList<string>.Empty;
    public ValueList<string> CapDrop { get; init; } = ValueList<string>.Empty;
    public bool? Privileged { get; init; }
    public bool? ReadOnly { get; init; }
    public string? Pid { get; init; }
    public ValueList<string> Tmpfs { get; init; } = ValueList<string>.Empty;
    public string? ShmSize { get; init; }
    public ValueMap<string> Sysctls { get; init; } = ValueMap<string>.Empty;

    /// <summary>Name to "soft:hard" (or one number for both).</summary>
    public ValueMap<string> Ulimits { get; init; } = ValueMap<string>.Empty;
    public string? Cpus { get; init; }
    public int? CpuShares { get; init; }
    public string? MemLimit { get; init; }
    public string? StopGracePeriod { get; init; }
    public string? StopSignal { get; init; }
    public LoggingSpec? Logging { get; init; }
    public ValueList<string> Profiles { get; init; } = ValueList<string>.Empty;
    public ValueList<ServiceSecretRef> Secrets { get; init; } = ValueList<ServiceSecretRef>.Empty;
    public ValueList<ServiceSecretRef> Configs { get; init; } = ValueList<ServiceSecretRef>.Empty;

    /// <summary>Kontena <c>instances</c> or Compose <c>deploy.replicas</c>.</summary>
    public int? Instances { get; init; }
    public bool Stateful { get; init; }
    public DeploySpec? Deploy { get; init; }

    /// <summary>Scheduling rules: <c>node==x</c>, <c>label==az=a</c>, <c>service!=db</c>, <c>container!=x</c> (also from placement constraints).</summary>
    public ValueList<string> Affinity { get; init; } = ValueList<string>.Empty;
    public HooksSpec? Hooks { get; init; }

    /// <summary>Kontena <c>net</c> or Compose <c>network_mode</c>: bridge | host | none.</summary>
    public string? NetworkMode { get; init; }

    /// <summary>Published through the ingress load balancer (<c>lb:</c> or Kontena's KONTENA_LB_* keys).</summary>
    public StackLbSpec? Lb { get; init; }
}
