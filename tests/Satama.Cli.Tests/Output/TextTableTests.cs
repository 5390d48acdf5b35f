using Satama.Cli.Output;

namespace Satama.Cli.Tests.Output;

public sealed class TextTableTests
{
    [Fact]
    public void Pads_columns_to_the_widest_cell_and_trims_line_ends()
    {
        var table = new TextTable("NAME", "STATUS").Add("a-long-name", "online").Add("b", "");
        using var writer = new StringWriter();

        table.WriteTo(writer);

        Assert.Equal("NAME          STATUS\na-long-name   online\nb\n", writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Never_wraps_long_cells()
    {
        var cell = new string('x', 300);
        using var writer = new StringWriter();

        new TextTable("A").Add(cell).WriteTo(writer);

        Assert.Contains(cell + "\n", writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
