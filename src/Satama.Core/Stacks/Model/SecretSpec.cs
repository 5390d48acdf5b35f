namespace Satama.Core.Stacks.Model;

/// <summary>A top-level secret or config: from a file, an environment variable, inline content, or external.</summary>
public sealed record SecretSpec(string? File = null, string? Environment = null, string? Content = null, bool External = false, string? ExternalName = null)
{
    /// <summary>A config's <see cref="File"/> as read at parse time (through <see cref="StackParseOptions.ResolveFile"/>); null: not read.</summary>
    public string? FileContent { get; init; }

    // What the file says, not what was read from it: a stack written back (satama.yml) and parsed without the files
    // is the same stack.
    public bool Equals(SecretSpec? other) =>
        other is not null && File == other.File && Environment == other.Environment && Content == other.Content
        && External == other.External && ExternalName == other.ExternalName;

    public override int GetHashCode() => HashCode.Combine(File, Environment, Content, External, ExternalName);
}
