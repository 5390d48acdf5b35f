using System.Text;
using Satama.Agent.Lb.Http1;

namespace Satama.Agent.Tests.Lb.Http1;

/// <summary>Request and response heads as the plain-HTTP proxy parses them.</summary>
public sealed class HttpHeadTests
{
    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    private static (int Status, HttpHead Head, byte[] Bytes) Request(string text)
    {
        var bytes = Bytes(text);
        var head = new HttpHead();
        return (head.ParseRequest(bytes), head, bytes);
    }

    private static (bool Valid, HttpHead Head, byte[] Bytes) Response(string text)
    {
        var bytes = Bytes(text);
        var head = new HttpHead();
        return (head.ParseResponse(bytes), head, bytes);
    }

    private static string Text(byte[] bytes, (int Start, int Length) range) => Encoding.ASCII.GetString(bytes, range.Start, range.Length);

    [Fact]
    public void A_valid_request_head_is_read_as_offsets()
    {
        var (status, head, bytes) = Request("GET /index.html?x=1 HTTP/1.1\r\nHost: shop.example.com\r\nAccept:  */*  \r\n\r\n");

        Assert.Equal(0, status);
        Assert.Equal("GET", Text(bytes, head.First));
        Assert.Equal("/index.html?x=1", Text(bytes, head.Second));
        Assert.Equal("GET /index.html?x=1 HTTP/1.1", Text(bytes, head.StartLine));
        Assert.Equal(1, head.Minor);
        Assert.Equal(2, head.Count);
        Assert.Equal(bytes.Length, head.Length);
        Assert.Equal(("Host", "shop.example.com"), (Text(bytes, head.Name(0)), Text(bytes, head.Value(0))));
        Assert.Equal(("Accept", "*/*"), (Text(bytes, head.Name(1)), Text(bytes, head.Value(1))));
        Assert.Equal(0, head.Host);
        Assert.Equal(-1, head.ContentLength);
        Assert.Equal(BodyFraming.None, head.RequestFraming);
    }

    [Fact]
    public void The_end_of_a_head_is_found_only_once_the_blank_line_arrived()
    {
        Assert.Equal(0, HttpHead.FindEnd(Bytes("GET / HTTP/1.1\r\nHost: a\r\n")));
        Assert.Equal(27, HttpHead.FindEnd(Bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\nbody")));
    }

    [Fact]
    public void A_head_object_is_reset_between_messages()
    {
        var head = new HttpHead();
        Assert.Equal(0, head.ParseRequest(Bytes("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nConnection: close\r\n\r\n")));
        Assert.Equal(0, head.ParseRequest(Bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\n")));

        Assert.Equal((-1L, false, 1, 1), (head.ContentLength, head.ConnectionClose, head.Count, head.Minor));
        Assert.Empty(head.ConnectionValues);
    }

    [Fact]
    public void Content_length_gives_a_length_framed_body()
    {
        var (status, head, _) = Request("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 42\r\n\r\n");

        Assert.Equal(0, status);
        Assert.Equal(42, head.ContentLength);
        Assert.Equal(BodyFraming.Length, head.RequestFraming);
    }

    [Fact]
    public void A_zero_content_length_means_no_body()
    {
        var (status, head, _) = Request("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n");

        Assert.Equal(0, status);
        Assert.Equal(BodyFraming.None, head.RequestFraming);
    }

    [Fact]
    public void Duplicate_equal_content_lengths_are_accepted()
    {
        var (status, head, _) = Request("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 7\r\ncontent-length: 7\r\n\r\n");

        Assert.Equal(0, status);
        Assert.Equal(7, head.ContentLength);
    }

    [Theory]
    [InlineData("Content-Length: 7\r\nContent-Length: 8")]
    [InlineData("Content-Length: -1")]
    [InlineData("Content-Length: +7")]
    [InlineData("Content-Length: 7x")]
    [InlineData("Content-Length: 0x10")]
    [InlineData("Content-Length: ")]
    [InlineData("Content-Length: 7, 7")]
    [InlineData("Content-Length: 99999999999999999999999")]
    public void A_bad_or_conflicting_content_length_is_400(string header)
    {
        Assert.Equal(400, Request($"POST /x HTTP/1.1\r\nHost: a\r\n{header}\r\n\r\n").Status);
    }

    [Theory]
    [InlineData("Content-Length: 5\r\nTransfer-Encoding: chunked")]
    [InlineData("Transfer-Encoding: chunked\r\nContent-Length: 5")]
    public void Content_length_with_transfer_encoding_is_400(string headers)
    {
        Assert.Equal(400, Request($"POST /x HTTP/1.1\r\nHost: a\r\n{headers}\r\n\r\n").Status);
    }

    [Theory]
    [InlineData("chunked")]
    [InlineData("Chunked")]
    [InlineData(" chunked ")]
    public void A_chunked_request_is_chunk_framed(string value)
    {
        var (status, head, _) = Request($"POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:{value}\r\n\r\n");

        Assert.Equal(0, status);
        Assert.True(head.Chunked);
        Assert.Equal(BodyFraming.Chunked, head.RequestFraming);
    }

    [Theory]
    [InlineData("Transfer-Encoding: gzip")]
    [InlineData("Transfer-Encoding: gzip, chunked")]
    [InlineData("Transfer-Encoding: chunked, gzip")]
    [InlineData("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked")]
    [InlineData("Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip")]
    [InlineData("Transfer-Encoding: identity")]
    public void A_transfer_encoding_other_than_a_single_chunked_is_501(string headers)
    {
        Assert.Equal(501, Request($"POST /x HTTP/1.1\r\nHost: a\r\n{headers}\r\n\r\n").Status);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n X-Folded: b\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n\tcontinued\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost : a\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost\t: a\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n: empty name\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nNo colon here\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nX-A: one\rtwo\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nX-A: one\ntwo\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nX-A: one\0two\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")]
    public void Folded_lines_spaces_before_a_colon_and_bad_lines_are_400(string text)
    {
        Assert.Equal(400, Request(text).Status);
    }

    [Theory]
    [InlineData("GET /\r\nHost: a\r\n\r\n")]
    [InlineData("GET  / HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData(" GET / HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("G(T / HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("GET /a\u007fb HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("GET / FTP/1.1\r\nHost: a\r\n\r\n")]
    public void A_malformed_request_line_is_400(string text)
    {
        Assert.Equal(400, Request(text).Status);
    }

    [Fact]
    public void A_missing_host_on_http_1_1_is_400()
    {
        Assert.Equal(400, Request("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n").Status);
    }

    [Fact]
    public void Http_1_0_needs_no_host()
    {
        var (status, head, _) = Request("GET / HTTP/1.0\r\n\r\n");

        Assert.Equal(0, status);
        Assert.Equal(0, head.Minor);
        Assert.Equal(-1, head.Host);
        Assert.Equal(0, head.Count);
    }

    [Theory]
    [InlineData("HTTP/2.0")]
    [InlineData("HTTP/0.9")]
    public void An_unsupported_version_is_505(string version)
    {
        Assert.Equal(505, Request($"GET / {version}\r\nHost: a\r\n\r\n").Status);
    }

    [Fact]
    public void More_headers_than_the_limit_is_431_and_the_limit_itself_is_fine()
    {
        string Head(int count) => "GET / HTTP/1.1\r\nHost: a\r\n" + string.Concat(Enumerable.Range(1, count - 1).Select(i => $"X-H{i}: {i}\r\n")) + "\r\n";

        Assert.Equal(0, Request(Head(HttpHead.MaxHeaders)).Status);
        Assert.Equal(431, Request(Head(HttpHead.MaxHeaders + 1)).Status);
    }

    [Theory]
    [InlineData("close", true, false, false)]
    [InlineData("Close", true, false, false)]
    [InlineData("keep-alive", false, true, false)]
    [InlineData("Keep-Alive", false, true, false)]
    [InlineData("Upgrade", false, false, true)]
    [InlineData("keep-alive, Upgrade", false, true, true)]
    [InlineData(" close , X-Custom ", true, false, false)]
    [InlineData("closed", false, false, false)]
    public void Connection_tokens_are_read_case_insensitively(string value, bool close, bool keepAlive, bool upgrade)
    {
        var (status, head, _) = Request($"GET / HTTP/1.1\r\nHost: a\r\nConnection: {value}\r\n\r\n");

        Assert.Equal(0, status);
        Assert.Equal((close, keepAlive, upgrade), (head.ConnectionClose, head.ConnectionKeepAlive, head.ConnectionUpgrade));
    }

    [Fact]
    public void Connection_tokens_from_several_headers_add_up()
    {
        var (status, head, bytes) = Request("GET / HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nUpgrade: websocket\r\nConnection: X-Secret\r\n\r\n");

        Assert.Equal(0, status);
        Assert.True(head.ConnectionUpgrade);
        Assert.Equal(2, head.Upgrade);
        Assert.Equal(2, head.ConnectionValues.Count);
        Assert.True(head.NamedByConnection(bytes, "x-secret"u8));
        Assert.True(head.NamedByConnection(bytes, "upgrade"u8));
        Assert.False(head.NamedByConnection(bytes, "host"u8));
    }

    [Fact]
    public void A_valid_response_head_is_read()
    {
        var (valid, head, bytes) = Response("HTTP/1.1 200 OK\r\nContent-Length: 12\r\nContent-Type: text/plain\r\n\r\n");

        Assert.True(valid);
        Assert.Equal(200, head.Status);
        Assert.Equal(1, head.Minor);
        Assert.Equal("HTTP/1.1 200 OK", Text(bytes, head.StartLine));
        Assert.Equal(12, head.ContentLength);
        Assert.Equal(BodyFraming.Length, head.ResponseFraming(requestMethodIsHead: false));
    }

    [Fact]
    public void A_response_without_a_reason_phrase_and_an_http_1_0_response_are_valid()
    {
        var (valid, head, _) = Response("HTTP/1.1 204\r\n\r\n");
        var (valid10, head10, _) = Response("HTTP/1.0 200 OK\r\n\r\n");

        Assert.Equal((true, 204), (valid, head.Status));
        Assert.Equal((true, 0), (valid10, head10.Minor));
    }

    [Theory]
    [InlineData("HTTP/2 200 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 20 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 abc OK\r\n\r\n")]
    [InlineData("HTTP/1.1 099 Low\r\n\r\n")]
    [InlineData("ICY 200 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nBad Header: x\r\n\r\n")]
    public void A_response_that_is_not_http_1_is_refused(string text)
    {
        Assert.False(Response(text).Valid);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", true, "None")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", true, "None")]
    [InlineData("HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", false, "None")]
    [InlineData("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", false, "None")]
    [InlineData("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n", false, "None")]
    [InlineData("HTTP/1.1 100 Continue\r\n\r\n", false, "None")]
    [InlineData("HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n", false, "None")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", false, "None")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", false, "Chunked")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", false, "Chunked")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 10\r\n\r\n", false, "Chunked")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", false, "UntilClose")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", false, "Length")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", false, "None")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n", false, "UntilClose")]
    [InlineData("HTTP/1.0 200 OK\r\n\r\n", false, "UntilClose")]
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\n", false, "Length")]
    public void Response_framing_follows_the_method_status_and_headers(string text, bool head, string framing)
    {
        var (valid, parsed, _) = Response(text);

        Assert.True(valid);
        Assert.Equal(framing, parsed.ResponseFraming(head).ToString());
    }

    [Fact]
    public void A_response_connection_close_is_seen()
    {
        var (valid, head, _) = Response("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");

        Assert.True(valid);
        Assert.True(head.ConnectionClose);
    }

    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("AbC", "abc", true)]
    [InlineData("ab", "abc", false)]
    [InlineData("abd", "abc", false)]
    public void Ascii_comparison_ignores_the_case_of_the_value(string value, string lower, bool equal)
    {
        Assert.Equal(equal, HttpHead.AsciiEquals(Bytes(value), Bytes(lower)));
    }

    [Theory]
    [InlineData("  a b \t", "a b")]
    [InlineData("\t\t", "")]
    [InlineData("x", "x")]
    public void Trim_removes_spaces_and_tabs_at_both_ends(string value, string trimmed)
    {
        Assert.Equal(trimmed, Encoding.ASCII.GetString(HttpHead.Trim(Bytes(value))));
    }
}
