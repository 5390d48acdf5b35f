namespace Satama.Core.Model;

/// <summary>
/// What a user asked for: N identical instances of one container spec. Stored by the
/// master; <see cref="Revision"/> grows with every change that should recreate containers.
/// Partial: an area that adds a field (load balancing, secrets, deploy options) keeps it in
/// its own file, ServiceSpec.&lt;Area&gt;.cs.
/// </summary>
public sealed partial record ServiceSpec
{
    public required string Grid { get; init; }
    public string Stack { get; init; } = Names.NullStack;
    public required string Name { get; init; }
    public required string Image { get; init; }
    public int Instances { get; init; } = 1;
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<PortMapping> Ports { get; init; } = [];
    /// <summary>Empty: the image's CMD.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];
    public RestartPolicy Restart { get; init; } = RestartPolicy.Always;
    public long Revision { get; init; } = 1;
    public PlacementSpec Placement { get; init; } = PlacementSpec.Default;
    /// <summary>Null: ready when the first container port accepts a TCP connection (or at once with no port).</summary>
    public HealthCheck? Health { get; init; }

    /// <summary>stack/service, the way users address a service.</summary>
    public string QualifiedName => $"{Stack}/{Name}";
}
