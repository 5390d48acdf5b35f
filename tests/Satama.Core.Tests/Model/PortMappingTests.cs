using Satama.Core.Model;

namespace Satama.Core.Tests.Model;

public sealed class PortMappingTests
{
    [Theory]
    [InlineData("8080:80", 8080, 80, "tcp")]
    [InlineData("53:53/udp", 53, 53, "udp")]
    [InlineData("1:65535/TCP", 1, 65535, "tcp")]
    [InlineData(" 80:8080 ", 80, 8080, "tcp")]
    public void Parses_host_container_and_protocol(string text, int host, int container, string protocol)
    {
        var port = PortMapping.Parse(text, out var error);

        Assert.Null(error);
        Assert.Equal(new PortMapping(host, container, protocol), port);
    }

    [Theory]
    [InlineData("80")]
    [InlineData("0:80")]
    [InlineData("80:65536")]
    [InlineData("a:b")]
    [InlineData("1:2:3")]
    [InlineData("-1:80")]
    [InlineData("+80:80")]
    [InlineData("80:80/sctp")]
    [InlineData("")]
    public void Refuses_what_is_not_a_port_mapping(string text)
    {
        var port = PortMapping.Parse(text, out var error);

        Assert.Null(port);
        Assert.Contains($"'{text}'", error);
    }

    [Fact]
    public void Prints_as_it_parses() => Assert.Equal("8080:80/tcp", new PortMapping(8080, 80).ToString());
}
