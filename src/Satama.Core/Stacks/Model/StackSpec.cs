namespace Satama.Core.Stacks.Model;

/// <summary>
/// A stack file after parsing and normalization: Compose and Kontena files both end up here, with
/// variables substituted, <c>extends</c> and <c>env_file</c> resolved and Kontena-only keys mapped onto
/// their Satama equivalents. <see cref="StackSerializer"/> writes it back as a satama.yml.
/// </summary>
public sealed record StackSpec
{
    public required string Name { get; init; }

    /// <summary>The stack's own version (Kontena <c>version: 1.0.0</c>); a Compose <c>version:</c> is the format's and is dropped.</summary>
    public string? Version { get; init; }

    public string? Description { get; init; }

    /// <summary>The service a depending stack reaches (Kontena <c>expose</c>).</summary>
    public string? Expose { get; init; }

    public ValueList<StackServiceSpec> Services { get; init; } = ValueList<StackServiceSpec>.Empty;

    /// <summary>Child stacks (Kontena <c>depends</c>), parsed and validated with this one.</summary>
    public ValueList<StackDependency> Dependencies { get; init; } = ValueList<StackDependency>.Empty;

    public ValueMap<NetworkSpec> Networks { get; init; } = ValueMap<NetworkSpec>.Empty;

    public ValueMap<VolumeSpec> Volumes { get; init; } = ValueMap<VolumeSpec>.Empty;

    public ValueMap<SecretSpec> Secrets { get; init; } = ValueMap<SecretSpec>.Empty;

    public ValueMap<SecretSpec> Configs { get; init; } = ValueMap<SecretSpec>.Empty;

    /// <summary>Warnings and notes from parsing; not part of the stack's meaning (serialization drops them).</summary>
    public ValueList<StackDiagnostic> Warnings { get; init; } = ValueList<StackDiagnostic>.Empty;

    public StackServiceSpec? Service(string name) => Services.FirstOrDefault(s => s.Name == name);
}
