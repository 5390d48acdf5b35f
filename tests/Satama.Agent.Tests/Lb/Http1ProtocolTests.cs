using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Satama.Agent.Lb;
using Satama.Protocol;
using Satama.Testing;

namespace Satama.Agent.Tests.Lb;

/// <summary>
/// The plain-HTTP proxy spoken to on raw loopback sockets: message framing, pipelining, HTTP/1.0, interim answers and
/// the proxy's own answers, as bytes on the wire.
/// </summary>
public sealed class Http1ProtocolTests : IAsyncLifetime
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _data = new("satama-lb-h1-");
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<IDisposable> _clients = [];
    private int _port;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
        _data.Dispose();
    }

    /// <summary>The load balancer with plain HTTP only, on a port the kernel picks, serving <paramref name="routes"/>.</summary>
    private async Task<LbServer> StartAsync(params Protocol.LbRoute[] routes)
    {
        var options = new LbOptions { BindAddress = "127.0.0.1", HttpPort = 0, HttpsPort = 0, MetricsPort = 0 };
        var server = await LbServer.StartAsync(options, _data.Path, LogLevel.Warning, CancellationToken.None);
        _owned.Add(server);
        _port = new Uri(server.Endpoints[0]).Port;
        var set = new DesiredSet { LbIngress = true };
        set.LbRoutes.AddRange(routes);
        server.Apply(set);
        return server;
    }

    private async Task<TestBackend> BackendAsync(string name)
    {
        var backend = await TestBackend.StartAsync(name);
        _owned.Add(backend);
        return backend;
    }

    private RawBackend RawBackend(string answer, bool closeAfter, bool dropSecond = false)
    {
        var backend = new RawBackend(answer, closeAfter, dropSecond);
        _owned.Add(backend);
        return backend;
    }

    private static Protocol.LbRoute Route(string id, string path = "/", string[]? hosts = null, params string[] addresses)
    {
        var route = new Protocol.LbRoute { Id = id, Path = path };
        route.Hosts.AddRange(hosts ?? []);
        route.Backends.AddRange(addresses.Select((a, i) => new Protocol.LbBackend { Container = $"{id.Replace('/', '.')}-{i + 1}", Address = a }));
        return route;
    }

    /// <summary>A raw connection to the proxy.</summary>
    private async Task<Wire> ConnectAsync(int receiveBuffer = 0)
    {
        var client = new TcpClient(AddressFamily.InterNetwork);
        _clients.Add(client);
        if (receiveBuffer > 0)
        {
            client.ReceiveBufferSize = receiveBuffer;
        }
        using var cts = new CancellationTokenSource(s_patience);
        await client.ConnectAsync(IPAddress.Loopback, _port, cts.Token);
        return new Wire(client);
    }

    [Fact]
    public async Task A_kept_alive_connection_the_instance_closed_as_it_was_reused_is_retried_on_a_new_one_even_for_a_post()
    {
        var raw = RawBackend("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", closeAfter: false, dropSecond: true);
        await StartAsync(Route("shop/web", "/", null, raw.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("GET /one HTTP/1.1\r\nHost: a\r\n\r\n");
        var first = await wire.ReadResponseAsync();
        await wire.SendAsync("POST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n");
        var second = await wire.ReadResponseAsync();

        Assert.Equal(200, first.Status);
        Assert.Equal(200, second.Status);
        // The POST reached the instance twice: on the dropped connection, then on a new one.
        Assert.Equal(["/one", "/two", "/two"], raw.Heads.Select(h => h.Split(' ')[1]));
    }

    [Fact]
    public async Task A_post_with_a_content_length_body_reaches_the_instance_intact()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        var body = TestBackend.Pattern(300_000);
        using var wire = await ConnectAsync();

        await wire.SendAsync(Encoding.ASCII.GetBytes($"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: {body.Length}\r\n\r\n"), body);
        var response = await wire.ReadResponseAsync();

        Assert.Equal(200, response.Status);
        Assert.Equal(body, response.Body);
    }

    [Fact]
    public async Task A_post_with_a_chunked_body_reaches_the_instance_intact()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        var body = TestBackend.Pattern(100_000);
        using var wire = await ConnectAsync();

        await wire.SendAsync("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
        var sent = 0;
        foreach (var size in new[] { 1, 10, 4096, 30_000, 65_000, int.MaxValue })
        {
            var piece = body.AsMemory(sent, Math.Min(size, body.Length - sent));
            await wire.SendAsync(Encoding.ASCII.GetBytes($"{piece.Length:x};ext=1\r\n"), piece.ToArray(), "\r\n"u8.ToArray());
            sent += piece.Length;
        }
        Assert.Equal(body.Length, sent);
        await wire.SendAsync("0\r\nX-Trailer: t\r\n\r\n");
        var response = await wire.ReadResponseAsync();

        Assert.Equal(200, response.Status);
        Assert.Equal(body, response.Body);
    }

    [Fact]
    public async Task A_chunked_body_whose_framing_header_is_named_in_connection_is_not_taken_for_the_next_request()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nConnection: Transfer-Encoding\r\n\r\n"
            + "5\r\nhello\r\n0\r\n\r\nGET /after HTTP/1.1\r\nHost: a\r\n\r\n");
        var first = await wire.ReadResponseAsync();
        var second = await wire.ReadResponseAsync();

        Assert.Equal((200, "hello"), (first.Status, first.Text));
        Assert.Equal((200, "web /after"), (second.Status, second.Text));
    }

    [Fact]
    public async Task A_5_mb_answer_streams_through_to_a_client_that_reads_slowly()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        const int Size = 5 * 1024 * 1024;
        using var wire = await ConnectAsync(receiveBuffer: 8192);

        await wire.SendAsync($"GET /big?bytes={Size} HTTP/1.1\r\nHost: a\r\n\r\n");
        var response = await wire.ReadResponseAsync(slowly: true);

        Assert.Equal(200, response.Status);
        Assert.Equal(Size.ToString(CultureInfo.InvariantCulture), response.Header("Content-Length"));
        Assert.Equal(TestBackend.Pattern(Size), response.Body);

        // The connection is still good for another request.
        await wire.SendAsync("GET /again HTTP/1.1\r\nHost: a\r\n\r\n");
        Assert.Equal("web /again", (await wire.ReadResponseAsync()).Text);
    }

    [Fact]
    public async Task A_5_mb_upload_streams_through_to_the_instance()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        var body = TestBackend.Pattern(5 * 1024 * 1024);
        using var wire = await ConnectAsync();

        await wire.SendAsync(Encoding.ASCII.GetBytes($"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: {body.Length}\r\n\r\n"), body);
        var response = await wire.ReadResponseAsync();

        Assert.Equal(200, response.Status);
        Assert.Equal(body, response.Body);
    }

    [Fact]
    public async Task Two_pipelined_gets_on_one_connection_are_both_answered_in_order()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("GET /one HTTP/1.1\r\nHost: a\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\n\r\n");
        var first = await wire.ReadResponseAsync();
        var second = await wire.ReadResponseAsync();

        Assert.Equal((200, "web /one"), (first.Status, first.Text));
        Assert.Equal((200, "web /two"), (second.Status, second.Text));
    }

    [Fact]
    public async Task A_pipelined_post_and_get_are_both_answered_in_order()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello worldGET /two HTTP/1.1\r\nHost: a\r\n\r\n");
        var first = await wire.ReadResponseAsync();
        var second = await wire.ReadResponseAsync();

        Assert.Equal((200, "hello world"), (first.Status, first.Text));
        Assert.Equal((200, "web /two"), (second.Status, second.Text));
    }

    [Fact]
    public async Task An_http_1_0_request_without_keep_alive_gets_its_answer_and_the_connection_closes()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("GET /big?bytes=1000 HTTP/1.0\r\n\r\n");
        var response = await wire.ReadResponseAsync();

        Assert.Equal(200, response.Status);
        Assert.Equal(TestBackend.Pattern(1000), response.Body);
        Assert.Equal("close", response.Header("Connection"));
        Assert.True(await wire.ClosedAsync());
    }

    [Fact]
    public async Task An_http_1_0_keep_alive_request_keeps_the_connection()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("GET /big?bytes=10 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        var first = await wire.ReadResponseAsync();
        await wire.SendAsync("GET /big?bytes=20 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        var second = await wire.ReadResponseAsync();

        Assert.Equal(("keep-alive", 10), (first.Header("Connection"), first.Body.Length));
        Assert.Equal(("keep-alive", 20), (second.Header("Connection"), second.Body.Length));
    }

    [Fact]
    public async Task An_http_1_0_client_never_gets_a_chunked_answer()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        using var wire = await ConnectAsync();

        // The instance answers this one without a length (Kestrel chunks it for an HTTP/1.1 request).
        await wire.SendAsync("GET /plain HTTP/1.0\r\n\r\n");
        var response = await wire.ReadResponseAsync(http10: true);

        Assert.Null(response.Header("Transfer-Encoding"));
        Assert.Equal("web /plain", response.Text);
    }

    [Fact]
    public async Task An_expect_100_continue_post_gets_the_interim_answer_before_it_sends_its_body()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
        var interim = await wire.ReadHeadAsync();
        await wire.SendAsync("hello");
        var response = await wire.ReadResponseAsync();

        Assert.Equal(100, interim.Status);
        Assert.Equal((200, "hello"), (response.Status, response.Text));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost : a\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n folded: x\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")]
    [InlineData("GARBAGE\r\n\r\n")]
    [InlineData("CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n")]
    public async Task A_malformed_request_gets_an_error_and_the_connection_closes(string request)
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync(request + "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        var response = await wire.ReadResponseAsync();

        Assert.Contains(response.Status, new[] { 400, 501 });
        Assert.Equal("close", response.Header("Connection"));
        Assert.True(await wire.ClosedAsync());
    }

    [Fact]
    public async Task An_unknown_transfer_encoding_gets_501()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n");

        Assert.Equal(501, (await wire.ReadResponseAsync()).Status);
    }

    [Fact]
    public async Task An_unsupported_http_version_gets_505()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("GET / HTTP/2.0\r\nHost: a\r\n\r\n");

        Assert.Equal(505, (await wire.ReadResponseAsync()).Status);
    }

    [Fact]
    public async Task A_head_of_20_kib_is_served()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync($"GET /big?bytes=3 HTTP/1.1\r\nHost: a\r\nCookie: c={new string('a', 20 * 1024)}\r\n\r\n");
        var response = await wire.ReadResponseAsync();

        Assert.Equal((200, 3), (response.Status, response.Body.Length));
    }

    [Fact]
    public async Task A_head_over_64_kib_gets_431()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync($"GET / HTTP/1.1\r\nHost: a\r\nX-Big: {new string('a', 70 * 1024)}\r\n\r\n");
        var response = await wire.ReadResponseAsync();

        Assert.Equal(431, response.Status);
    }

    [Fact]
    public async Task A_head_request_gets_headers_only_and_the_connection_goes_on()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("HEAD /big?bytes=5000 HTTP/1.1\r\nHost: a\r\n\r\n");
        var head = await wire.ReadResponseAsync(headRequest: true);
        await wire.SendAsync("GET /after HTTP/1.1\r\nHost: a\r\n\r\n");
        var next = await wire.ReadResponseAsync();

        Assert.Equal((200, "5000"), (head.Status, head.Header("Content-Length")));
        Assert.Empty(head.Body);
        Assert.Equal((200, "web /after"), (next.Status, next.Text));
    }

    [Fact]
    public async Task An_answer_delimited_by_the_instance_closing_reaches_the_client_and_its_connection_closes()
    {
        var raw = RawBackend("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end", closeAfter: true);
        await StartAsync(Route("shop/raw", "/", null, raw.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        var response = await wire.ReadResponseAsync();

        Assert.Equal(200, response.Status);
        Assert.Equal("close", response.Header("Connection"));
        Assert.Equal("until the end", response.Text);
        Assert.True(await wire.ClosedAsync());
    }

    [Fact]
    public async Task The_instance_gets_x_forwarded_headers_in_place_of_the_clients()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("GET /headers HTTP/1.1\r\nHost: shop.example.com:8080\r\nX-Forwarded-For: 6.6.6.6\r\nX-Forwarded-Proto: https\r\n"
            + "Connection: keep-alive, X-Secret\r\nX-Secret: s\r\n\r\n");
        var lines = (await wire.ReadResponseAsync()).Text.Split('\n');

        Assert.Contains("X-Forwarded-For: 127.0.0.1", lines);
        Assert.Contains("X-Forwarded-Proto: http", lines);
        Assert.Contains("X-Forwarded-Host: shop.example.com:8080", lines);
        Assert.Contains("Host: shop.example.com:8080", lines);
        Assert.DoesNotContain(lines, l => l.Contains("6.6.6.6", StringComparison.Ordinal) || l.StartsWith("X-Secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stripped_prefix_reaches_the_instance_as_x_forwarded_prefix()
    {
        var raw = RawBackend("HTTP/1.1 204 No Content\r\n\r\n", closeAfter: false);
        var route = Route("shop/api", "/api", null, raw.Address);
        route.StripPath = true;
        await StartAsync(route);
        using var wire = await ConnectAsync();

        await wire.SendAsync("GET /api/users?x=1 HTTP/1.1\r\nHost: a\r\n\r\n");
        var response = await wire.ReadResponseAsync();

        Assert.Equal(204, response.Status);
        var head = Assert.Single(raw.Heads);
        Assert.StartsWith("GET /users?x=1 HTTP/1.1\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Forwarded-Prefix: /api\r\n", head, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_route_is_404_and_a_route_without_instances_is_503_and_the_connection_goes_on()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", ["shop.example.com"], web.Address), Route("shop/empty", "/", ["empty.example.com"]));
        using var wire = await ConnectAsync();

        await wire.SendAsync("GET / HTTP/1.1\r\nHost: other.example.com\r\n\r\n");
        var none = await wire.ReadResponseAsync();
        await wire.SendAsync("GET / HTTP/1.1\r\nHost: empty.example.com\r\n\r\n");
        var empty = await wire.ReadResponseAsync();
        await wire.SendAsync("GET / HTTP/1.1\r\nHost: shop.example.com\r\n\r\n");
        var served = await wire.ReadResponseAsync();

        Assert.Equal(404, none.Status);
        Assert.Equal(503, empty.Status);
        Assert.Equal((200, "web /"), (served.Status, served.Text));
    }

    [Fact]
    public async Task A_client_that_closes_its_sending_side_after_the_request_still_gets_the_answer()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("GET /half HTTP/1.1\r\nHost: a\r\n\r\n");
        wire.ShutdownSend();
        var response = await wire.ReadResponseAsync();

        Assert.Equal((200, "web /half"), (response.Status, response.Text));
        Assert.True(await wire.ClosedAsync());
    }

    [Fact]
    public async Task An_absolute_form_request_goes_by_its_host()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", ["shop.example.com"], web.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("GET http://shop.example.com/abs?q=1 HTTP/1.1\r\nHost: other.example.com\r\n\r\n");
        var response = await wire.ReadResponseAsync();

        Assert.Equal((200, "web /abs?q=1"), (response.Status, response.Text));
    }

    [Fact]
    public async Task A_connection_close_request_gets_its_answer_and_the_connection_closes()
    {
        var web = await BackendAsync("web");
        await StartAsync(Route("shop/web", "/", null, web.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("GET /last HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        var response = await wire.ReadResponseAsync();

        Assert.Equal((200, "web /last", "close"), (response.Status, response.Text, response.Header("Connection")));
        Assert.True(await wire.ClosedAsync());
    }

    [Fact]
    public async Task An_early_hints_answer_goes_through_before_the_final_one()
    {
        var raw = RawBackend("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", closeAfter: false);
        await StartAsync(Route("shop/raw", "/", null, raw.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        var interim = await wire.ReadHeadAsync();
        var response = await wire.ReadResponseAsync();

        Assert.Equal((103, "</a.css>; rel=preload"), (interim.Status, interim.Header("Link")));
        Assert.Equal((200, "ok"), (response.Status, response.Text));
    }

    [Fact]
    public async Task An_http_1_0_client_gets_no_interim_answer()
    {
        var raw = RawBackend("HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", closeAfter: false);
        await StartAsync(Route("shop/raw", "/", null, raw.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("GET / HTTP/1.0\r\n\r\n");
        var first = await wire.ReadHeadAsync();

        Assert.Equal(200, first.Status);
    }

    [Fact]
    public async Task A_chunked_answer_that_also_has_a_length_reaches_the_client_chunked_without_the_length()
    {
        var raw = RawBackend("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", closeAfter: false);
        await StartAsync(Route("shop/raw", "/", null, raw.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        var response = await wire.ReadResponseAsync();

        Assert.Null(response.Header("Content-Length"));
        Assert.Equal((200, "hello"), (response.Status, response.Text));
    }

    [Fact]
    public async Task An_answer_before_the_request_body_says_the_connection_closes_when_it_does()
    {
        // The instance answers an Expect: 100-continue request at once, without taking its body.
        var raw = RawBackend("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", closeAfter: false);
        await StartAsync(Route("shop/raw", "/", null, raw.Address));
        using var wire = await ConnectAsync();

        await wire.SendAsync("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
        var response = await wire.ReadResponseAsync();
        var closed = await wire.ClosedAsync();

        Assert.Equal((200, "ok"), (response.Status, response.Text));
        Assert.Equal(closed ? "close" : null, response.Header("Connection"));
    }

    /// <summary>A response as read from the wire.</summary>
    private sealed record RawResponse(int Status, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body)
    {
        public string Text => Encoding.ASCII.GetString(Body);

        public string? Header(string name) => Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
    }

    /// <summary>A raw client connection with a read buffer, so that pipelined answers are read one by one.</summary>
    private sealed class Wire(TcpClient client) : IDisposable
    {
        private readonly NetworkStream _stream = client.GetStream();
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        public void Dispose() => client.Dispose();

        public void ShutdownSend() => client.Client.Shutdown(SocketShutdown.Send);

        public Task SendAsync(string text) => SendAsync(Encoding.ASCII.GetBytes(text));

        public async Task SendAsync(params byte[][] pieces)
        {
            using var cts = new CancellationTokenSource(s_patience);
            foreach (var piece in pieces)
            {
                await _stream.WriteAsync(piece, cts.Token);
            }
            await _stream.FlushAsync(cts.Token);
        }

        /// <summary>A status line and headers.</summary>
        public async Task<RawResponse> ReadHeadAsync()
        {
            var status = await ReadLineAsync() ?? throw new IOException("closed before an answer");
            var parts = status.Split(' ', 3);
            Assert.StartsWith("HTTP/1.", parts[0], StringComparison.Ordinal);
            var headers = new List<(string, string)>();
            while (true)
            {
                var line = await ReadLineAsync() ?? throw new IOException("closed inside a head");
                if (line.Length == 0)
                {
                    break;
                }
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers.Add((line[..colon], line[(colon + 1)..].Trim()));
            }
            return new RawResponse(int.Parse(parts[1], CultureInfo.InvariantCulture), headers, []);
        }

        /// <summary>The next final answer (interim ones skipped) with its body, read as the head says.</summary>
        public async Task<RawResponse> ReadResponseAsync(bool headRequest = false, bool slowly = false, bool http10 = false)
        {
            RawResponse head;
            do
            {
                head = await ReadHeadAsync();
            }
            while (head.Status is >= 100 and < 200);
            if (headRequest || head.Status is 204 or 304)
            {
                return head;
            }
            using var body = new MemoryStream();
            var encoding = http10 ? null : head.Header("Transfer-Encoding");
            if (encoding is not null && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                while (true)
                {
                    var sizeLine = await ReadLineAsync() ?? throw new IOException("closed inside a chunked body");
                    var size = int.Parse(sizeLine.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    if (size == 0)
                    {
                        while (await ReadLineAsync() is { Length: > 0 })
                        {
                            // Trailers.
                        }
                        break;
                    }
                    await ReadExactAsync(body, size, slowly);
                    Assert.Equal("", await ReadLineAsync());
                }
            }
            else if (head.Header("Content-Length") is { } length)
            {
                await ReadExactAsync(body, long.Parse(length, CultureInfo.InvariantCulture), slowly);
            }
            else
            {
                await ReadExactAsync(body, long.MaxValue, slowly);
            }
            return head with { Body = body.ToArray() };
        }

        /// <summary>Whether the proxy closed the connection (end of stream or reset) with nothing more sent.</summary>
        public async Task<bool> ClosedAsync()
        {
            if (_end > _start)
            {
                return false;
            }
            try
            {
                return await FillAsync() == 0;
            }
            catch (IOException)
            {
                return true;
            }
        }

        private async Task ReadExactAsync(MemoryStream into, long count, bool slowly)
        {
            var reads = 0;
            while (count > 0)
            {
                if (_end == _start && await FillAsync() == 0)
                {
                    if (count == long.MaxValue)
                    {
                        return;
                    }
                    throw new IOException($"closed with {count} bytes of the body missing");
                }
                var n = (int)Math.Min(count, _end - _start);
                into.Write(_buffer, _start, n);
                _start += n;
                if (count != long.MaxValue)
                {
                    count -= n;
                }
                if (slowly && ++reads % 8 == 0)
                {
                    await Task.Delay(2);
                }
            }
        }

        private async Task<string?> ReadLineAsync()
        {
            var line = new StringBuilder();
            while (true)
            {
                if (_end == _start && await FillAsync() == 0)
                {
                    return null;
                }
                var c = (char)_buffer[_start++];
                if (c == '\n')
                {
                    Assert.True(line.Length > 0 && line[^1] == '\r', "a line without CR before its LF");
                    return line.ToString(0, line.Length - 1);
                }
                line.Append(c);
            }
        }

        private async Task<int> FillAsync()
        {
            using var cts = new CancellationTokenSource(s_patience);
            _start = 0;
            _end = await _stream.ReadAsync(_buffer, cts.Token);
            return _end;
        }
    }
}
