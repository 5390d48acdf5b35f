using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging;
using Satama.Agent.Lb;
using Satama.Protocol;
using Satama.Testing;

namespace Satama.Agent.Tests.Lb;

/// <summary>The load balancer on loopback ports in front of in-test backends.</summary>
public sealed class LbServerTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("satama-lb-");
    private readonly List<IAsyncDisposable> _owned = [];
    private LbOptions _options = null!;

    public Task InitializeAsync()
    {
        _options = new LbOptions { BindAddress = "127.0.0.1", HttpPort = FreePort.Next(), HttpsPort = FreePort.Next(), MetricsPort = FreePort.Next() };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
        _data.Dispose();
    }

    // A port FreePort handed out may be taken (by another test, or as a client's ephemeral port) before Kestrel binds
    // it, also between a stop and a restart: a start tries fresh ports a few times. Every test reads the ports from
    // _options after the start, and the routes a restart serves come from the data directory, not the port.
    private async Task<LbServer> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var server = await LbServer.StartAsync(_options, _data.Path, LogLevel.Warning, CancellationToken.None);
                _owned.Add(server);
                return server;
            }
            catch (IOException) when (attempt < 5)
            {
                _options = _options with { HttpPort = FreePort.Next(), HttpsPort = FreePort.Next(), MetricsPort = FreePort.Next() };
            }
        }
    }

    private async Task<TestBackend> BackendAsync(string name)
    {
        var backend = await TestBackend.StartAsync(name);
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

    private static DesiredSet Set(params Protocol.LbRoute[] routes)
    {
        var set = new DesiredSet { LbIngress = true };
        set.LbRoutes.AddRange(routes);
        return set;
    }

    private HttpClient Http()
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{_options.HttpPort}") };
        return client;
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient http, string path, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (host is not null)
        {
            request.Headers.Host = host;
        }
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Requests_go_by_host_and_longest_path_and_a_stripped_prefix_is_removed()
    {
        var web = await BackendAsync("web");
        var api = await BackendAsync("api");
        var lb = await StartAsync();
        var apiRoute = Route("shop/api", "/api", ["shop.example.com"], api.Address);
        apiRoute.StripPath = true;
        lb.Apply(Set(apiRoute, Route("shop/web", "/", ["shop.example.com", "*.shop.example.com"], web.Address)));
        using var http = Http();

        Assert.Equal((HttpStatusCode.OK, "web /index.html"), await GetAsync(http, "/index.html", "shop.example.com"));
        Assert.Equal((HttpStatusCode.OK, "api /users?x=1"), await GetAsync(http, "/api/users?x=1", "shop.example.com"));
        Assert.Equal((HttpStatusCode.OK, "api /"), await GetAsync(http, "/api", "shop.example.com"));
        Assert.Equal((HttpStatusCode.OK, "web /apix"), await GetAsync(http, "/apix", "shop.example.com"));
        Assert.Equal((HttpStatusCode.OK, "web /"), await GetAsync(http, "/", "www.shop.example.com"));
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, "/", "other.example.com")).Status);
    }

    [Fact]
    public async Task A_route_without_backends_answers_503_and_fills_as_soon_as_routes_change()
    {
        var web = await BackendAsync("web");
        var lb = await StartAsync();
        using var http = Http();

        lb.Apply(Set(Route("shop/web")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync(http, "/")).Status);

        lb.Apply(Set(Route("shop/web", "/", null, web.Address)));
        Assert.Equal((HttpStatusCode.OK, "web /"), await GetAsync(http, "/"));
    }

    [Fact]
    public async Task A_route_change_does_not_drop_a_request_in_flight()
    {
        var a = await BackendAsync("a");
        var b = await BackendAsync("b");
        var lb = await StartAsync();
        lb.Apply(Set(Route("shop/web", "/", null, a.Address)));
        using var http = Http();

        var slow = GetAsync(http, "/slow");
        await Task.Delay(300);
        lb.Apply(Set(Route("shop/web", "/", null, b.Address)));

        Assert.Equal((HttpStatusCode.OK, "a /slow"), await slow);
        Assert.Equal((HttpStatusCode.OK, "b /"), await GetAsync(http, "/"));
    }

    [Fact]
    public async Task Requests_to_an_instance_that_is_gone_go_to_another_and_passive_health_takes_it_out()
    {
        var live = await BackendAsync("live");
        var dead = $"127.0.0.1:{FreePort.Next()}";
        var lb = await StartAsync();
        lb.Apply(Set(Route("shop/web", "/", null, live.Address, dead)));
        using var http = Http();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            answers.Add((await GetAsync(http, "/")).Status);
        }

        Assert.All(answers, s => Assert.Equal(HttpStatusCode.OK, s));
        var backends = lb.Status().Routes.Single().Backends;
        Assert.True(backends.Single(b => b.Address == live.Address).PassiveHealthy);
        Assert.False(backends.Single(b => b.Address == dead).PassiveHealthy);
    }

    [Fact]
    public async Task A_get_whose_answer_an_instance_cut_short_goes_to_another_before_the_client_sees_a_byte()
    {
        var live = await BackendAsync("live");
        var cutting = new CuttingBackend();
        _owned.Add(cutting);
        var lb = await StartAsync();
        lb.Apply(Set(Route("shop/web", "/", null, live.Address, cutting.Address)));
        using var http = Http();

        var answers = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < 30; i++)
        {
            answers.Add(await GetAsync(http, "/"));
        }

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, "live /"), a));
        Assert.True(cutting.Answered > 0, "no request reached the instance that cuts its answers");
    }

    [Fact]
    public async Task Sticky_routes_keep_a_client_on_one_instance()
    {
        var a = await BackendAsync("a");
        var b = await BackendAsync("b");
        var lb = await StartAsync();
        var route = Route("shop/web", "/", null, a.Address, b.Address);
        route.Sticky = true;
        lb.Apply(Set(route));
        using var http = Http();

        using var first = await http.GetAsync("/");
        var cookie = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(LbProxyConfig.AffinityCookie + "=", StringComparison.Ordinal)).Split(';')[0];
        var owner = (await first.Content.ReadAsStringAsync()).Split(' ')[0];
        var seen = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("Cookie", cookie);
            using var response = await http.SendAsync(request);
            seen.Add((await response.Content.ReadAsStringAsync()).Split(' ')[0]);
        }

        Assert.Equal([owner], seen);
    }

    [Fact]
    public async Task The_last_routes_are_served_after_a_restart_without_a_master()
    {
        var web = await BackendAsync("web");
        var first = await StartAsync();
        first.Apply(Set(Route("shop/web", "/", null, web.Address)));
        await first.DisposeAsync();
        _owned.Remove(first);

        await StartAsync();
        using var http = Http();

        Assert.Equal((HttpStatusCode.OK, "web /"), await GetAsync(http, "/"));
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https_when_the_route_says_so()
    {
        var web = await BackendAsync("web");
        var lb = await StartAsync();
        var route = Route("shop/web", "/", ["shop.example.com"], web.Address);
        route.RedirectHttps = true;
        lb.Apply(Set(route));
        using var http = Http();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/cart?id=3");
        request.Headers.Host = "shop.example.com";
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal($"https://shop.example.com:{_options.HttpsPort}/cart?id=3", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Tls_is_terminated_with_the_certificate_of_each_host_over_http2()
    {
        var web = await BackendAsync("web");
        var admin = await BackendAsync("admin");
        var lb = await StartAsync();
        var shopRoute = Route("shop/web", "/", ["shop.example.com"], web.Address);
        shopRoute.TlsSecret = "shop-cert";
        var adminRoute = Route("shop/admin", "/", ["admin.example.com"], admin.Address);
        adminRoute.TlsSecret = "admin-cert";
        var set = Set(shopRoute, adminRoute);
        set.LbCertificates.Add(new LbCertificate { Secret = "shop-cert", Pem = Pem("shop.example.com") });
        set.LbCertificates.Add(new LbCertificate { Secret = "admin-cert", Pem = Pem("admin.example.com") });
        lb.Apply(set);

        var (shopSubject, shopVersion, shopBody) = await HttpsAsync("shop.example.com");
        var (adminSubject, _, adminBody) = await HttpsAsync("admin.example.com");

        Assert.Equal(("CN=shop.example.com", new Version(2, 0), "web /"), (shopSubject, shopVersion, shopBody));
        Assert.Equal(("CN=admin.example.com", "admin /"), (adminSubject, adminBody));
        Assert.Equal("", lb.Status().Error);
    }

    [Fact]
    public async Task A_bad_certificate_is_reported_without_its_content()
    {
        var lb = await StartAsync();
        var route = Route("shop/web", "/", ["shop.example.com"]);
        route.TlsSecret = "shop-cert";
        var set = Set(route);
        set.LbCertificates.Add(new LbCertificate { Secret = "shop-cert", Pem = "not a pem SECRET-VALUE" });

        lb.Apply(set);

        Assert.Equal("tls secret shop-cert: not a PEM certificate chain with its private key", lb.Status().Error);
    }

    [Fact]
    public async Task WebSockets_pass_through()
    {
        var web = await BackendAsync("web");
        var lb = await StartAsync();
        lb.Apply(Set(Route("shop/web", "/", null, web.Address)));
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_options.HttpPort}/ws"), CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("ping"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[64];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);

        Assert.Equal("ping", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }

    [Fact]
    public async Task Metrics_count_requests_errors_and_latency_per_route_in_prometheus_format()
    {
        var web = await BackendAsync("web");
        var lb = await StartAsync();
        lb.Apply(Set(Route("shop/web", "/", ["shop.example.com"], web.Address), Route("shop/empty", "/", ["empty.example.com"])));
        using var http = Http();
        for (var i = 0; i < 3; i++)
        {
            await GetAsync(http, "/", "shop.example.com");
        }
        await GetAsync(http, "/", "empty.example.com");

        using var metrics = new HttpClient();
        var text = await metrics.GetStringAsync($"http://127.0.0.1:{_options.MetricsPort}/metrics");

        Assert.Contains("satama_lb_requests_total{route=\"shop/web\"} 3", text, StringComparison.Ordinal);
        Assert.Contains("satama_lb_errors_total{route=\"shop/web\"} 0", text, StringComparison.Ordinal);
        Assert.Contains("satama_lb_errors_total{route=\"shop/empty\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("satama_lb_request_duration_seconds_bucket{route=\"shop/web\",le=\"+Inf\"} 3", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE satama_lb_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Equal((3L, 0L), (lb.Status().Routes.Single(r => r.Id == "shop/web").Requests, lb.Status().Routes.Single(r => r.Id == "shop/web").Errors));
    }

    [Fact]
    public async Task The_access_log_has_a_line_per_plain_http_request_with_status_route_and_backend()
    {
        var web = await BackendAsync("web");
        var log = new CapturedLog();
        var lb = await LbServer.StartAsync(_options with { AccessLog = true }, _data.Path, LogLevel.Warning, CancellationToken.None, log);
        _owned.Add(lb);
        lb.Apply(Set(Route("shop/web", "/", ["shop.example.com"], web.Address)));
        using var http = Http();

        await GetAsync(http, "/cart?id=7", "shop.example.com");
        await GetAsync(http, "/", "nowhere.example.com");

        var lines = await Eventually.ValueAsync(() => Task.FromResult(log.Lines), l => l.Count >= 2, "two access log lines");
        Assert.Matches(@"^\d\d:\d\d:\d\d info: Satama\.Lb\.Access\[0\] 127\.0\.0\.1 ""GET shop\.example\.com/cart\?id=7 HTTP/1\.1"" 200 \d+\.\dms route=shop/web backend=shop\.web-1$", lines[0]);
        Assert.Matches(@" ""GET nowhere\.example\.com/ HTTP/1\.1"" 404 \d+\.\dms route=- backend=-$", lines[1]);
    }

    /// <summary>A stream that keeps what is written, safe to read while the load balancer writes.</summary>
    private sealed class CapturedLog : Stream
    {
        private readonly MemoryStream _bytes = new();

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_bytes)
                {
                    return System.Text.Encoding.UTF8.GetString(_bytes.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                }
            }
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_bytes)
            {
                _bytes.Write(buffer, offset, count);
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Fact]
    public async Task A_set_for_a_node_that_is_not_ingress_leaves_the_routes_and_status_names_what_it_listens_on()
    {
        var web = await BackendAsync("web");
        var lb = await StartAsync();
        lb.Apply(Set(Route("shop/web", "/", null, web.Address)));
        using var http = Http();

        lb.Apply(new DesiredSet());

        Assert.Equal((HttpStatusCode.OK, "web /"), await GetAsync(http, "/"));
        var status = lb.Status();
        Assert.True(status.Running);
        Assert.Contains($"http://127.0.0.1:{_options.HttpPort}", status.Endpoints);
        Assert.Equal(["shop/web"], status.Routes.Select(r => r.Id));
    }

    [Fact]
    public void Bad_options_are_named()
    {
        var errors = LbOptionsValidator.Validate(new LbOptions { BindAddress = "nowhere", HttpPort = 8080, HttpsPort = 8080, MetricsPort = 70000, Threads = -1 }).ToList();

        Assert.Equal([
            "--lb-address 'nowhere' is not an IP address",
            "--lb-threads -1 is not a thread count (0-1024; 0: half the cores)",
            "--lb-metrics-port 70000 is not a port (0-65535)",
            "--lb-http-port and --lb-https-port are both 8080",
        ], errors);
    }

    private async Task<(string Subject, Version Version, string Body)> HttpsAsync(string host)
    {
        string? subject = null;
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, _options.HttpsPort, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) =>
        {
            subject = cert?.Subject;
            return true;
        };
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{host}:{_options.HttpsPort}/")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await http.SendAsync(request);
        return (subject ?? "", response.Version, await response.Content.ReadAsStringAsync());
    }

    private static string Pem(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return cert.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n";
    }
}
