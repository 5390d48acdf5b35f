using System.Text;
using System.Text.Json.Serialization;
using Satama.Core.Model;

namespace Satama.Core.Reconciling;

/// <summary>
/// A vault secret for one container as the master sent it. <see cref="Value"/> lives in memory only: it is never
/// serialized (the agent's saved desired set holds none) and never printed (records print every member; this one
/// prints names only). After an agent restart, values come back with the master's next desired set.
/// </summary>
public sealed record DesiredSecretView
{
    public required string Secret { get; init; }
    public SecretDeliveryType Type { get; init; } = SecretDeliveryType.File;
    /// <summary>The variable (env) or the absolute path in the container (file).</summary>
    public required string Target { get; init; }
    public int Mode { get; init; } = ServiceSecret.DefaultMode;
    public int? Uid { get; init; }
    public int? Gid { get; init; }

    /// <summary>Null: not delivered (an agent restarted without its master, or <see cref="Missing"/>).</summary>
    [JsonIgnore]
    public ReadOnlyMemory<byte>? Value { get; init; }

    /// <summary>Non-empty: why the master could not deliver it (no such secret, the vault cannot open it).</summary>
    public string Missing { get; init; } = "";

    /// <summary>Why a container cannot be created with this secret now, or null.</summary>
    public string? Unavailable() =>
        Missing.Length > 0 ? Missing
        : Value is null ? $"vault secret '{Secret}' is not delivered yet (the agent restarted; it comes with the master's next desired set)"
        : null;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Secret = {Secret}, Type = {Type}, Target = {Target}");
        return true;
    }
}
