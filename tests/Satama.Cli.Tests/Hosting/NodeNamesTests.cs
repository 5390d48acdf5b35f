using Satama.Cli.Hosting;

namespace Satama.Cli.Tests.Hosting;

public sealed class NodeNamesTests
{
    [Theory]
    [InlineData("Build-Box_01.example.com", "build-box-01")]
    [InlineData("node-1", "node-1")]
    [InlineData("--", "node")]
    [InlineData("UPPER", "upper")]
    public void Host_names_become_valid_node_names(string host, string expected)
    {
        Assert.Equal(expected, NodeNames.Sanitize(host));
    }

    [Fact]
    public void Long_host_names_are_cut_to_63()
    {
        Assert.Equal(63, NodeNames.Sanitize(new string('a', 100)).Length);
    }
}
