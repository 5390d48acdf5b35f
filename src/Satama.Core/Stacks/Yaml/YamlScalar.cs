namespace Satama.Core.Stacks.Yaml;

/// <summary>A scalar: its text, and whether it was written plain (so <c>null</c>, <c>~</c> and empty mean null).</summary>
internal sealed class YamlScalar(YamlMark mark, string value, bool plain) : YamlNode(mark)
{
    public string Value { get; } = value;

    public bool Plain { get; } = plain;

    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Kind => IsNull ? "null" : "a string";
}
