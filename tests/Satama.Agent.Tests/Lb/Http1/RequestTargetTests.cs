using System.Text;
using Satama.Agent.Lb.Http1;

namespace Satama.Agent.Tests.Lb.Http1;

/// <summary>Where a request goes, read from its target and Host.</summary>
public sealed class RequestTargetTests
{
    private static (bool Forwarded, string OriginForm, string Host, string HostWithoutPort, bool HasHost) Read(string request)
    {
        var head = Encoding.ASCII.GetBytes(request);
        var parsed = new HttpHead();
        Assert.Equal(0, parsed.ParseRequest(head));
        if (!RequestTarget.TryRead(head, parsed, out var target))
        {
            return (false, "", "", "", false);
        }
        return (true, Encoding.ASCII.GetString(target.OriginForm(head)), Encoding.ASCII.GetString(target.Host(head)),
            Encoding.ASCII.GetString(target.HostWithoutPort(head)), target.HasHost);
    }

    [Fact]
    public void An_origin_form_target_and_the_host_header_are_read()
    {
        Assert.Equal((true, "/p/q?x=1", "shop.example.com:8080", "shop.example.com", true),
            Read("GET /p/q?x=1 HTTP/1.1\r\nHost: shop.example.com:8080\r\n\r\n"));
    }

    [Theory]
    [InlineData("shop.example.com", "shop.example.com")]
    [InlineData("shop.example.com:80", "shop.example.com")]
    [InlineData("10.1.2.3:8080", "10.1.2.3")]
    [InlineData("[::1]:80", "[::1]")]
    [InlineData("[::1]", "[::1]")]
    [InlineData("[2001:db8::1]", "[2001:db8::1]")]
    [InlineData("[2001:db8::1]:443", "[2001:db8::1]")]
    public void The_host_without_port_drops_only_a_port(string host, string withoutPort)
    {
        var (forwarded, _, fullHost, hostWithoutPort, _) = Read($"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n");

        Assert.True(forwarded);
        Assert.Equal((host, withoutPort), (fullHost, hostWithoutPort));
    }

    [Theory]
    [InlineData("http://shop.example.com:8080/p?q", "/p?q", "shop.example.com:8080", "shop.example.com")]
    [InlineData("http://shop.example.com/", "/", "shop.example.com", "shop.example.com")]
    [InlineData("https://shop.example.com/a/b", "/a/b", "shop.example.com", "shop.example.com")]
    [InlineData("http://[::1]:8080/x", "/x", "[::1]:8080", "[::1]")]
    public void An_absolute_form_target_gives_the_path_and_the_host(string value, string originForm, string host, string withoutPort)
    {
        Assert.Equal((true, originForm, host, withoutPort, true), Read($"GET {value} HTTP/1.1\r\nHost: other.example.com\r\n\r\n"));
    }

    [Theory]
    [InlineData("http:///path")]
    [InlineData("ftp://shop.example.com/x")]
    [InlineData("shop.example.com:443")]
    [InlineData("relative/path")]
    public void Targets_the_proxy_does_not_forward_are_refused(string value)
    {
        Assert.False(Read($"GET {value} HTTP/1.1\r\nHost: a\r\n\r\n").Forwarded);
    }

    [Fact]
    public void An_asterisk_is_only_for_options()
    {
        Assert.Equal((true, "*", "a", "a", true), Read("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n"));
        Assert.False(Read("GET * HTTP/1.1\r\nHost: a\r\n\r\n").Forwarded);
        Assert.False(Read("OPTIONS *x HTTP/1.1\r\nHost: a\r\n\r\n").Forwarded);
    }

    [Fact]
    public void An_http_1_0_request_without_host_has_none()
    {
        Assert.Equal((true, "/", "", "", false), Read("GET / HTTP/1.0\r\n\r\n"));
    }

    [Fact]
    public void A_strip_keeps_the_rest_of_the_target()
    {
        var head = Encoding.ASCII.GetBytes("GET /api/x HTTP/1.1\r\nHost: a:1\r\n\r\n");
        var parsed = new HttpHead();
        Assert.Equal(0, parsed.ParseRequest(head));
        Assert.True(RequestTarget.TryRead(head, parsed, out var target));

        var stripped = target.WithStrip(4);

        Assert.Equal((0, 4), (target.StripLength, stripped.StripLength));
        Assert.Equal("/api/x", Encoding.ASCII.GetString(stripped.OriginForm(head)));
        Assert.Equal("a", Encoding.ASCII.GetString(stripped.HostWithoutPort(head)));
    }
}
