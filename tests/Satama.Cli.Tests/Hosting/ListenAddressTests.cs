using Satama.Cli.Hosting;

namespace Satama.Cli.Tests.Hosting;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("0.0.0.0:7443", "https://0.0.0.0:7443")]
    [InlineData("https://127.0.0.1:9000/", "https://127.0.0.1:9000")]
    [InlineData("[::]:7443", "https://[::]:7443")]
    public void Accepts_addr_port_and_https_urls(string text, string expected)
    {
        Assert.Equal(expected, ListenAddress.Normalize(text));
    }

    [Theory]
    [InlineData("http://127.0.0.1:7443")]
    [InlineData("127.0.0.1")]
    [InlineData("not a url")]
    public void Rejects_what_is_not_https_with_a_port(string text)
    {
        Assert.Null(ListenAddress.Normalize(text));
    }

    [Theory]
    [InlineData("https://0.0.0.0:7443/", "https://127.0.0.1:7443/")]
    [InlineData("https://[::]:7443/", "https://[::1]:7443/")]
    [InlineData("https://10.0.0.5:7443/", "https://10.0.0.5:7443/")]
    public void Wildcards_are_dialled_on_loopback(string listen, string expected)
    {
        Assert.Equal(expected, ListenAddress.Local(new Uri(listen)).ToString());
    }
}
