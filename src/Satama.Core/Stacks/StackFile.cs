using Satama.Core.Stacks.Parsing;

namespace Satama.Core.Stacks;

/// <summary>
/// The entry point for stack files: Compose (Compose Spec, v2, v3) and Kontena 1.x (a top-level
/// <c>stack:</c>) files are parsed into one normalized <see cref="Model.StackSpec"/> and validated,
/// with every problem reported at once as <c>file:line:column: key.path: message</c>.
/// </summary>
public static class StackFile
{
    /// <summary>
    /// Parses and validates <paramref name="text"/>, read from <paramref name="fileName"/> (used in positions
    /// and to resolve relative env_file / extends / depends references through <see cref="StackParseOptions.ResolveFile"/>).
    /// Never throws for bad input.
    /// </summary>
    public static StackParseResult Parse(string text, string fileName, StackParseOptions? options = null) =>
        StackParser.Parse(text, fileName, options ?? new StackParseOptions());
}
