namespace Satama.Cli.Output;

/// <summary>
/// Columns padded to their widest cell, like `docker ps`: never wraps, whatever the terminal
/// width, so a table stays one line per row and greppable.
/// </summary>
internal sealed class TextTable(params string[] headers)
{
    private const string Gap = "   ";
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public TextTable Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"expected {headers.Length} cells, got {cells.Length}", nameof(cells));
        }
        _rows.Add(cells);
        return this;
    }

    public void WriteTo(TextWriter writer)
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        WriteRow(writer, headers, widths);
        foreach (var row in _rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    private static void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        var line = string.Join(Gap, cells.Select((c, i) => c.PadRight(widths[i])));
        writer.WriteLine(line.TrimEnd());
    }
}
