namespace Satama.Core.Stacks.Yaml;

/// <summary>
/// A node of a loaded stack file. Our own tree rather than YamlDotNet's representation model so
/// that every node keeps its position after aliases and merge keys are resolved, and so that a
/// deeply nested or alias-bombed file is refused instead of overflowing the stack.
/// </summary>
internal abstract class YamlNode(YamlMark mark)
{
    public YamlMark Mark { get; } = mark;

    /// <summary>How many nodes this one stands for once aliases are expanded (alias-bomb guard).</summary>
    public long Weight { get; protected set; } = 1;

    public abstract string Kind { get; }
}
