namespace Satama.Core.Stacks.Yaml;

/// <summary>A scalar: its text, and whether it was written plain (so <c>null</c>, <c>~</c> and empty mean null).</summary>
internal sealed class YamlScalar(YamlMark mark, string value, bool plain, int textOffset = -1) : YamlNode(mark)
{
    public string Value { get; } = value;

    public bool Plain { get; } = plain;

    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Kind => IsNull ? "null" : "a string";

    /// <summary>
    /// Where character <paramref name="index"/> of the value sits in the file, when the value is written on one
    /// line exactly as it reads (no escapes); otherwise the scalar's own position.
    /// </summary>
    public YamlMark At(int index) =>
        textOffset < 0 || index < 0 || index > Value.Length ? Mark : Mark with { Column = Mark.Column + textOffset + index };
}
