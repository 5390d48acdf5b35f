namespace Satama.Core.Stacks.Model;

/// <summary>A top-level secret or config: from a file, an environment variable, inline content, or external.</summary>
public sealed record SecretSpec(string? File = null, string? Environment = null, string? Content = null, bool External = false, string? ExternalName = null);
