using System.Buffers;
using System.Text;
using Satama.Agent.Lb.Http1;

namespace Satama.Agent.Tests.Lb.Http1;

/// <summary>The heads the proxy sends: requests to the instance, responses and its own answers to the client.</summary>
public sealed class HeadWriterTests
{
    private const string Client = "10.0.0.9";
    private const string Backend = "127.0.0.1:8080";

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>The request as the instance gets it; a small pooled buffer to start with, so that it has to grow.</summary>
    private static string Forward(string request, int strip = 0, bool upgrade = false)
    {
        var head = Bytes(request);
        var parsed = new HttpHead();
        Assert.Equal(0, parsed.ParseRequest(head));
        Assert.True(RequestTarget.TryRead(head, parsed, out var target));
        if (strip > 0)
        {
            target = target.WithStrip(strip);
        }
        var into = ArrayPool<byte>.Shared.Rent(16);
        try
        {
            var length = HeadWriter.Request(head, parsed, target, Bytes(Client), Bytes(Backend), upgrade, ref into);
            return Encoding.ASCII.GetString(into, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(into);
        }
    }

    private static string Respond(string response, bool close = false, bool keepAliveForHttp10 = false, bool upgrade = false, string affinity = "")
    {
        var head = Bytes(response);
        var parsed = new HttpHead();
        Assert.True(parsed.ParseResponse(head));
        var into = ArrayPool<byte>.Shared.Rent(16);
        try
        {
            var length = HeadWriter.Response(head, parsed, close, keepAliveForHttp10, upgrade, Bytes(affinity), ref into);
            return Encoding.ASCII.GetString(into, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(into);
        }
    }

    private static string Local(int status, string location = "", bool close = false)
    {
        var into = ArrayPool<byte>.Shared.Rent(16);
        try
        {
            var length = HeadWriter.Local(status, Bytes(location), close, ref into);
            return Encoding.ASCII.GetString(into, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(into);
        }
    }

    private static string[] Lines(string head) => head.Split("\r\n");

    [Fact]
    public void A_plain_request_keeps_its_headers_and_gets_x_forwarded_ones()
    {
        Assert.Equal(
            "GET /a?b=1 HTTP/1.1\r\nHost: shop.example.com\r\nAccept: */*\r\nCookie: x=1\r\n"
            + "X-Forwarded-For: 10.0.0.9\r\nX-Forwarded-Proto: http\r\nX-Forwarded-Host: shop.example.com\r\n\r\n",
            Forward("GET /a?b=1 HTTP/1.1\r\nHost: shop.example.com\r\nAccept: */*\r\nCookie: x=1\r\n\r\n"));
    }

    [Fact]
    public void Hop_by_hop_headers_and_those_named_in_connection_are_removed()
    {
        var forwarded = Forward("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, X-Secret\r\nKeep-Alive: timeout=5\r\n"
            + "X-Secret: s\r\nTE: trailers\r\nTrailer: X-Sum\r\nProxy-Connection: keep-alive\r\nUpgrade: h2c\r\nConnection: x-other-secret\r\n"
            + "X-Other-Secret: t\r\nX-Kept: k\r\n\r\n");

        Assert.Equal(
            "GET / HTTP/1.1\r\nHost: a\r\nX-Kept: k\r\nX-Forwarded-For: 10.0.0.9\r\nX-Forwarded-Proto: http\r\nX-Forwarded-Host: a\r\n\r\n",
            forwarded);
    }

    [Fact]
    public void Client_sent_x_forwarded_headers_are_replaced()
    {
        var forwarded = Forward("GET /p HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 1.2.3.4\r\nx-forwarded-proto: https\r\n"
            + "X-FORWARDED-HOST: evil.example.com\r\nX-Forwarded-Prefix: /evil\r\nX-Forwarded-Other: kept\r\n\r\n", strip: 0);

        Assert.Equal(
            "GET /p HTTP/1.1\r\nHost: a\r\nX-Forwarded-Other: kept\r\nX-Forwarded-For: 10.0.0.9\r\nX-Forwarded-Proto: http\r\nX-Forwarded-Host: a\r\n\r\n",
            forwarded);
    }

    [Theory]
    [InlineData("/api/users?x=1", "/users?x=1")]
    [InlineData("/api/", "/")]
    [InlineData("/api", "/")]
    [InlineData("/api?x=1", "/?x=1")]
    [InlineData("/API/Users", "/Users")]
    public void A_stripped_prefix_is_removed_leaving_at_least_a_slash_and_the_query(string target, string expected)
    {
        var lines = Lines(Forward($"GET {target} HTTP/1.1\r\nHost: a\r\n\r\n", strip: 4));

        Assert.Equal($"GET {expected} HTTP/1.1", lines[0]);
        Assert.Contains($"X-Forwarded-Prefix: {target[..4]}", lines);
    }

    [Fact]
    public void Without_a_strip_there_is_no_x_forwarded_prefix()
    {
        Assert.DoesNotContain(Lines(Forward("GET /api/x HTTP/1.1\r\nHost: a\r\n\r\n")), l => l.StartsWith("X-Forwarded-Prefix", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_websocket_upgrade_keeps_upgrade_and_says_connection_upgrade()
    {
        Assert.Equal(
            "GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nSec-WebSocket-Key: k\r\nSec-WebSocket-Version: 13\r\nConnection: Upgrade\r\n"
            + "X-Forwarded-For: 10.0.0.9\r\nX-Forwarded-Proto: http\r\nX-Forwarded-Host: a\r\n\r\n",
            Forward("GET /ws HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: k\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n", upgrade: true));
    }

    [Fact]
    public void An_http_1_0_request_stays_1_0_keeps_the_instance_connection_alive_and_names_the_backend_as_host()
    {
        Assert.Equal(
            "GET /x HTTP/1.0\r\nHost: 127.0.0.1:8080\r\nConnection: keep-alive\r\nX-Forwarded-For: 10.0.0.9\r\nX-Forwarded-Proto: http\r\n\r\n",
            Forward("GET /x HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    }

    [Fact]
    public void An_absolute_form_target_becomes_origin_form_and_names_the_host()
    {
        Assert.Equal(
            "GET /p?q HTTP/1.1\r\nHost: shop.example.com:8080\r\nAccept: */*\r\n"
            + "X-Forwarded-For: 10.0.0.9\r\nX-Forwarded-Proto: http\r\nX-Forwarded-Host: shop.example.com:8080\r\n\r\n",
            Forward("GET http://shop.example.com:8080/p?q HTTP/1.1\r\nHost: other.example.com\r\nAccept: */*\r\n\r\n"));
    }

    [Fact]
    public void A_request_body_keeps_its_framing_headers()
    {
        var length = Lines(Forward("POST /f HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n"));
        var chunked = Lines(Forward("POST /f HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"));

        Assert.Contains("Content-Length: 5", length);
        Assert.Contains("Transfer-Encoding: chunked", chunked);
    }

    [Theory]
    [InlineData("Content-Length: 5", "Content-Length")]
    [InlineData("Transfer-Encoding: chunked", "Transfer-Encoding")]
    public void A_framing_header_named_in_connection_is_still_forwarded(string framing, string name)
    {
        // Without it the instance would take the body for the next request: a request smuggled past the proxy.
        var lines = Lines(Forward($"POST /f HTTP/1.1\r\nHost: a\r\n{framing}\r\nConnection: {name}\r\n\r\n"));

        Assert.Contains(framing, lines);
    }

    [Fact]
    public void A_long_header_name_is_kept_when_connection_has_an_empty_element()
    {
        var name = "X-" + new string('a', 80);

        var lines = Lines(Forward($"GET / HTTP/1.1\r\nHost: a\r\nConnection: close, \r\n{name}: v\r\n\r\n"));

        Assert.Contains($"{name}: v", lines);
    }

    [Fact]
    public void A_long_header_name_named_in_connection_is_removed()
    {
        var name = "X-" + new string('a', 80);

        var lines = Lines(Forward($"GET / HTTP/1.1\r\nHost: a\r\nConnection: {name.ToUpperInvariant()}\r\n{name}: v\r\n\r\n"));

        Assert.DoesNotContain($"{name}: v", lines);
    }

    [Fact]
    public void A_response_loses_its_hop_by_hop_headers()
    {
        Assert.Equal(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: 1\r\n\r\n",
            Respond("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive, X-Hop\r\nKeep-Alive: timeout=5\r\nX-Hop: h\r\n"
                + "Trailer: X-Sum\r\nX-A: 1\r\n\r\n"));
    }

    [Fact]
    public void A_response_says_connection_close_when_the_connection_closes_after_it()
    {
        Assert.Equal(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n",
            Respond("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n", close: true));
    }

    [Fact]
    public void A_response_to_an_http_1_0_keep_alive_client_says_keep_alive()
    {
        Assert.Equal(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n",
            Respond("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n", keepAliveForHttp10: true));
    }

    [Fact]
    public void A_sticky_pick_sets_the_affinity_cookie()
    {
        Assert.Equal(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nSet-Cookie: a=b\r\nSet-Cookie: satama-affinity=0123abcd; path=/; httponly\r\n\r\n",
            Respond("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nSet-Cookie: a=b\r\n\r\n", affinity: "0123abcd"));
    }

    [Fact]
    public void A_switching_protocols_answer_keeps_upgrade()
    {
        Assert.Equal(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: x\r\nConnection: Upgrade\r\n\r\n",
            Respond("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: x\r\n\r\n", upgrade: true));
    }

    [Fact]
    public void A_chunked_response_with_a_content_length_goes_without_the_length()
    {
        var lines = Lines(Respond("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 10\r\n\r\n"));

        Assert.Contains("Transfer-Encoding: chunked", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("Content-Length", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_response_content_length_named_in_connection_is_still_forwarded()
    {
        Assert.Contains("Content-Length: 2", Lines(Respond("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: Content-Length\r\n\r\n")));
    }

    [Theory]
    [InlineData(404, "", false, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")]
    [InlineData(400, "", true, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")]
    [InlineData(431, "", true, "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")]
    [InlineData(503, "", false, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n")]
    [InlineData(308, "https://a.example.com/x?y", false, "HTTP/1.1 308 Permanent Redirect\r\nContent-Length: 0\r\nLocation: https://a.example.com/x?y\r\n\r\n")]
    [InlineData(418, "", false, "HTTP/1.1 418 Error\r\nContent-Length: 0\r\n\r\n")]
    public void The_proxy_answers_of_its_own_are_complete_heads(int status, string location, bool close, string expected)
    {
        Assert.Equal(expected, Local(status, location, close));
    }

    [Theory]
    [InlineData("Cookie: satama-affinity=abc", "abc")]
    [InlineData("Cookie: a=1; satama-affinity=abc; b=2", "abc")]
    [InlineData("Cookie: a=1\r\nCookie: satama-affinity=def", "def")]
    [InlineData("Cookie: xsatama-affinity=abc", "")]
    [InlineData("Cookie: a=1", "")]
    [InlineData("X-Other: satama-affinity=abc", "")]
    public void The_affinity_cookie_is_read_from_the_cookie_headers(string headers, string expected)
    {
        var head = Bytes($"GET / HTTP/1.1\r\nHost: a\r\n{headers}\r\n\r\n");
        var parsed = new HttpHead();
        Assert.Equal(0, parsed.ParseRequest(head));

        Assert.Equal(expected, Encoding.ASCII.GetString(HeadWriter.AffinityOf(head, parsed)));
    }
}
