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

/// <summary>A scalar: its text, and whether it was written plain (so <c>null</c>, <c>~</c> and empty mean null).</summary>
internal sealed class YamlScalar(YamlMark mark, string value, bool plain) : YamlNode(mark)
{
    public string Value { get; } = value;

    public bool Plain { get; } = plain;

    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Kind => IsNull ? "null" : "a string";
}

/// <summary>A sequence of nodes.</summary>
internal sealed class YamlSequence(YamlMark mark) : YamlNode(mark)
{
    public List<YamlNode> Items { get; } = [];

    public override string Kind => "a list";

    public void Add(YamlNode node)
    {
        Items.Add(node);
        Weight += node.Weight;
    }
}

/// <summary>A mapping with scalar keys, in file order.</summary>
internal sealed class YamlMapping(YamlMark mark) : YamlNode(mark)
{
    public List<KeyValuePair<YamlScalar, YamlNode>> Entries { get; } = [];

    public override string Kind => "a mapping";

    public YamlNode? this[string key]
    {
        get
        {
            foreach (var entry in Entries)
            {
                if (entry.Key.Value == key)
                {
                    return entry.Value;
                }
            }
            return null;
        }
    }

    public YamlScalar? KeyOf(string key) => Entries.FirstOrDefault(e => e.Key.Value == key).Key;

    public bool Contains(string key) => Entries.Any(e => e.Key.Value == key);

    public void Add(YamlScalar key, YamlNode value)
    {
        Entries.Add(new(key, value));
        Weight += value.Weight + 1;
    }

    public void Reweigh(long weight) => Weight = weight;
}
