using System.Text;
using System.Text.Json.Serialization;

namespace Satama.Core.Model;

/// <summary>What a <see cref="MountSpec"/> mounts.</summary>
public enum MountType
{
    /// <summary>A Docker volume: named (created on the node, see <see cref="MountSpec.VolumeName"/>) or anonymous.</summary>
    Volume,

    /// <summary>A path on the node.</summary>
    Bind,

    /// <summary>A tmpfs in the container's memory.</summary>
    Tmpfs,
}

/// <summary>
/// One mount of every container of a service (<c>volumes:</c>). A named volume lives on the node of the instance: the
/// agent creates it (unless <see cref="External"/>) before the container and never removes it. Equality compares
/// <see cref="Canonical"/>, which the spec hash uses too.
/// </summary>
public sealed record MountSpec
{
    public required MountType Type { get; init; }

    /// <summary>Bind: the absolute host path. Volume: null (anonymous, removed with its container) or see <see cref="VolumeName"/>.</summary>
    public string? Source { get; init; }

    /// <summary>The absolute path in the container.</summary>
    public required string Target { get; init; }

    public bool ReadOnly { get; init; }

    /// <summary>A named volume: the Docker volume's name on the node (<c>GRID.STACK.VOLUME</c>, or the external volume's own name).</summary>
    public string? VolumeName { get; init; }

    /// <summary>The volume's key under the stack's top-level <c>volumes:</c> (a label on the Docker volume).</summary>
    public string? StackVolume { get; init; }

    /// <summary>The volume exists on the node already and is used as is (never created, never labelled).</summary>
    public bool External { get; init; }

    /// <summary>The volume driver; null: Docker's <c>local</c>.</summary>
    public string? Driver { get; init; }

    public IReadOnlyDictionary<string, string> DriverOpts { get; init; } = new Dictionary<string, string>();

    /// <summary>A named volume (as opposed to an anonymous one, a bind mount or a tmpfs).</summary>
    [JsonIgnore]
    public bool IsNamed => Type == MountType.Volume && VolumeName is not null;

    /// <summary>One line that says everything about the mount, driver options sorted: equal mounts, equal lines.</summary>
    [JsonIgnore]
    public string Canonical
    {
        get
        {
            var text = new StringBuilder();
            text.Append(Type.ToString().ToLowerInvariant()).Append('|').Append(Source).Append('|').Append(Target).Append('|').Append(ReadOnly ? "ro" : "rw");
            if (IsNamed)
            {
                text.Append('|').Append(VolumeName).Append('|').Append(StackVolume).Append('|').Append(External ? "external" : "managed").Append('|').Append(Driver);
                foreach (var (key, value) in DriverOpts.OrderBy(o => o.Key, StringComparer.Ordinal))
                {
                    text.Append('|').Append(key).Append('=').Append(value);
                }
            }
            return text.ToString();
        }
    }

    public bool Equals(MountSpec? other) => other is not null && Canonical == other.Canonical;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Canonical);
}
