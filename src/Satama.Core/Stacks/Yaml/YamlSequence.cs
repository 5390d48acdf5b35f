namespace Satama.Core.Stacks.Yaml;

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
