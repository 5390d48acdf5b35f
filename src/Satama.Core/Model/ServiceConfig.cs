using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Satama.Core.Model;

/// <summary>
/// A config file given to every container of a service (<c>configs:</c>): not secret, so its content travels in the
/// service and the desired set. The agent writes it beside the file secrets and bind-mounts it read-only at
/// <see cref="Target"/>. Its content is part of the spec hash: a change rolls the service.
/// </summary>
public sealed record ServiceConfig
{
    /// <summary>Compose's default for a config file: readable by everyone (0444).</summary>
    public const int DefaultMode = 0b100_100_100;

    /// <summary>The config's key under the stack's top-level <c>configs:</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Absolute path in the container.</summary>
    public required string Target { get; init; }

    public required string Content { get; init; }

    public int Mode { get; init; } = DefaultMode;

    /// <summary>Owner of the file; null: root (the agent's own user).</summary>
    public int? Uid { get; init; }

    public int? Gid { get; init; }

    /// <summary>A bare target goes under <c>/</c> (Compose's default target is <c>/NAME</c>).</summary>
    public static string FilePath(string target) => target.StartsWith('/') ? target : "/" + target;

    /// <summary>SHA-256 of the content, for the spec hash (the content itself need not be hashed twice).</summary>
    [JsonIgnore]
    public string ContentHash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Content)));
}
