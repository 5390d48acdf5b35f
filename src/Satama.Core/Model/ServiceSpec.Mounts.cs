namespace Satama.Core.Model;

public sealed partial record ServiceSpec
{
    /// <summary>Bind mounts, named and anonymous volumes and tmpfs mounts (<c>volumes:</c>); part of the spec hash when set.</summary>
    public IReadOnlyList<MountSpec> Mounts { get; init; } = [];
}
