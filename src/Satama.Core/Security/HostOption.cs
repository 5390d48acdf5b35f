namespace Satama.Core.Security;

/// <summary>
/// One host-level setting a service asks for. <see cref="Name"/> is its word in the grid allowances
/// (<c>privileged</c>, <c>cap_add:NET_ADMIN</c>, <c>bind:/srv/data</c>); <see cref="StackKey"/> and <see cref="ApiKey"/>
/// say where it is written (relative to the service in a stack file, in the API's create request).
/// </summary>
public sealed record HostOption(HostOptionKind Kind, string Name, string StackKey, string ApiKey, string Why)
{
    /// <summary>Bind and device: the normalized path on the node; an allowance covers it and what is below it.</summary>
    public string? Path { get; init; }

    /// <summary>What a grid_admin runs to allow it: <c>--allow privileged</c> or <c>--allow-bind /srv/data</c>.</summary>
    public string AllowFlag => Kind == HostOptionKind.Bind ? $"--allow-bind {Path}" : $"--allow {Name}";
}
