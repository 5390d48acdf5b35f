namespace Satama.Core.Stacks.Yaml;

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
