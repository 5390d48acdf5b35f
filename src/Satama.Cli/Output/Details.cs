namespace Satama.Cli.Output;

/// <summary>"Key:  value" lines of a `show` command, the values aligned.</summary>
internal sealed class Details
{
    private readonly List<(string Key, string Value)> _lines = [];

    public Details Add(string key, string? value)
    {
        _lines.Add((key, string.IsNullOrEmpty(value) ? "-" : value));
        return this;
    }

    public void WriteTo(TextWriter writer)
    {
        var width = _lines.Count == 0 ? 0 : _lines.Max(l => l.Key.Length) + 2;
        foreach (var (key, value) in _lines)
        {
            writer.WriteLine((key + ":").PadRight(width) + value);
        }
    }
}
