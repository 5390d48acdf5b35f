namespace Satama.Core.Stacks.Model;

/// <summary>A top-level named volume.</summary>
public sealed record VolumeSpec
{
    public bool External { get; init; }
    public string? ExternalName { get; init; }
    public string? Driver { get; init; }
    public ValueMap<string> DriverOpts { get; init; } = ValueMap<string>.Empty;
}
