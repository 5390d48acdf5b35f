using System.Diagnostics;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Satama.Agent.Lb.Http1;
using Satama.Protocol;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Satama.Agent.Lb;

/// <summary>
/// The ingress load balancer of a node: plain HTTP on Satama's own event-loop proxy (<see cref="Http1Proxy"/>), HTTPS
/// (SNI, HTTP/2, WebSockets) and the metrics port on in-process Kestrel with YARP, both with the routes from the master
/// swapped in live (open connections stay). The last routes are kept on disk and served while the master is
/// unreachable, also across an agent restart (certificates are kept in memory only).
/// </summary>
internal sealed partial class LbServer : IAsyncDisposable
{
    public const string RoutesFile = "lb-routes.pb";
    private const int MaxAttempts = 3;

    private readonly LbOptions _options;
    private readonly string _routesPath;
    private readonly InMemoryConfigProvider _config = new([], []);
    private readonly LbCertificates _certificates = new();
    private readonly LbMetrics _metrics = new();
    private readonly ILogger _logger;
    private readonly ILogger _access;
    private readonly WebApplication? _app;
    private Http1Proxy? _http;
    private readonly object _gate = new();
    private IReadOnlyList<Protocol.LbRoute> _routes = [];

    private LbServer(LbOptions options, string dataDir, LogLevel minimumLevel)
    {
        _options = options;
        _routesPath = Path.Combine(dataDir, RoutesFile);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = dataDir, ApplicationName = "Satama.Lb" });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(c =>
        {
            c.SingleLine = true;
            c.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        // A port in use is reported once by the agent, not with the host's stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);
        builder.Logging.AddFilter(AccessCategory, options.AccessLog ? LogLevel.Information : LogLevel.None);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var ip = IPAddress.Parse(options.BindAddress);
            if (options.HttpsPort > 0)
            {
                kestrel.Listen(ip, options.HttpsPort, l =>
                {
                    l.Protocols = HttpProtocols.Http1AndHttp2;
                    l.UseHttps(new TlsHandshakeCallbackOptions
                    {
                        OnConnection = context => ValueTask.FromResult(_certificates.Options(context.ClientHelloInfo.ServerName)),
                    });
                });
            }
            if (options.MetricsPort > 0)
            {
                kestrel.Listen(ip, options.MetricsPort, l => l.Protocols = HttpProtocols.Http1);
            }
        });
        builder.Services.AddSingleton<IProxyConfigProvider>(_config);
        builder.Services.AddReverseProxy();
        builder.Services.AddSingleton<IForwarderHttpClientFactory, LbHttpClientFactory>();
        builder.Services.Configure<TransportFailureRateHealthPolicyOptions>(o =>
        {
            o.DetectionWindowSize = TimeSpan.FromSeconds(10);
            o.MinimalTotalCountThreshold = 3;
            o.DefaultFailureRateLimit = 0.3;
        });
        var app = builder.Build();
        _logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<LbServer>();
        _access = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(AccessCategory);
        if (options.HttpsPort <= 0 && options.MetricsPort <= 0)
        {
            // Nothing for Kestrel to serve (it would pick a default port of its own): plain HTTP only.
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return;
        }
        _app = app;
        _app.Use(MetricsPortAsync);
        _app.Use(MeasureAsync);
        _app.MapReverseProxy(proxy =>
        {
            proxy.Use(RetryAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
    }

    private const string AccessCategory = "Satama.Lb.Access";

    /// <summary>What it listens on (resolved ports), e.g. http://0.0.0.0:80.</summary>
    public IReadOnlyList<string> Endpoints { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>Starts listening; the plain-HTTP access log goes to <c>accessLog</c> when it is on (null: stderr).</summary>
    public static async Task<LbServer> StartAsync(LbOptions options, string dataDir, LogLevel minimumLevel, CancellationToken ct, Stream? accessLog = null)
    {
        var server = new LbServer(options, dataDir, minimumLevel);
        try
        {
            server._http = new Http1Proxy(IPAddress.Parse(options.BindAddress), options.HttpPort, options.HttpsPort, options.Threads, server._metrics,
                server._logger, options.AccessLog ? accessLog ?? Console.OpenStandardError() : null);
            server.LoadSaved();
            if (server._app is not null)
            {
                await server._app.StartAsync(ct);
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        var endpoint = server._http.Endpoint;
        server.Endpoints = [$"http://{(endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString())}:{endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            .. server._app?.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<IServerAddressesFeature>()?.Addresses ?? []];
        LogListening(server._logger, string.Join(", ", server.Endpoints));
        return server;
    }

    /// <summary>Takes the routes and certificates of a desired set; a set without the ingress flag leaves them alone.</summary>
    public void Apply(DesiredSet set)
    {
        if (!set.LbIngress)
        {
            return;
        }
        lock (_gate)
        {
            if (_routes.SequenceEqual(set.LbRoutes) && !set.LbCertificates.Any())
            {
                return;
            }
            _certificates.Update(set.LbCertificates, set.LbRoutes);
            Swap([.. set.LbRoutes]);
            Save(set);
        }
        foreach (var error in _certificates.Errors)
        {
            LogCertificateProblem(_logger, error);
        }
    }

    /// <summary>What it serves now, for the master (satama lb routes).</summary>
    public LbStatus Status()
    {
        var status = new LbStatus { Running = true, Error = string.Join("; ", _certificates.Errors) };
        status.Endpoints.AddRange(Endpoints);
        var lookup = _app?.Services.GetRequiredService<IProxyStateLookup>();
        foreach (var route in _routes)
        {
            var (requests, errors) = _metrics.Totals(route.Id);
            var routeStatus = new LbRouteStatus { Id = route.Id, Requests = requests, Errors = errors };
            ClusterState? cluster = null;
            lookup?.TryGetCluster(route.Id, out cluster);
            foreach (var backend in route.Backends)
            {
                DestinationState? destination = null;
                cluster?.Destinations.TryGetValue(backend.Container, out destination);
                routeStatus.Backends.Add(new LbBackendStatus
                {
                    Container = backend.Container,
                    Address = backend.Address,
                    PassiveHealthy = destination?.Health.Passive != DestinationHealth.Unhealthy
                        && _http?.IsHealthy(route.Id, backend.Container) != false,
                });
            }
            status.Routes.Add(routeStatus);
        }
        return status;
    }

    public string Metrics() => _metrics.Format();

    public async ValueTask DisposeAsync()
    {
        var http = _http?.DisposeAsync().AsTask() ?? Task.CompletedTask;
        if (_app is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _app.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Open connections past the grace period are cut.
            }
            await _app.DisposeAsync();
        }
        await http;
    }

    private void Swap(IReadOnlyList<Protocol.LbRoute> routes)
    {
        var (routeConfigs, clusters) = LbProxyConfig.From(routes);
        _config.Update(routeConfigs, clusters);
        _http?.Swap(routes);
        _routes = routes;
        LogRoutes(_logger, routes.Count, routes.Sum(r => r.Backends.Count));
    }

    private void LoadSaved()
    {
        try
        {
            if (File.Exists(_routesPath))
            {
                var saved = DesiredSet.Parser.ParseFrom(File.ReadAllBytes(_routesPath));
                Swap([.. saved.LbRoutes]);
            }
        }
        catch (Exception e) when (e is IOException or InvalidProtocolBufferException or UnauthorizedAccessException)
        {
            LogSavedUnreadable(_logger, e.Message);
        }
    }

    private void Save(DesiredSet set)
    {
        // Routes only: private keys are not written to disk.
        var saved = new DesiredSet { LbIngress = true };
        saved.LbRoutes.AddRange(set.LbRoutes);
        try
        {
            var temp = _routesPath + ".tmp";
            File.WriteAllBytes(temp, saved.ToByteArray());
            File.Move(temp, _routesPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogSaveFailed(_logger, e.Message);
        }
    }

    private async Task MetricsPortAsync(HttpContext context, RequestDelegate next)
    {
        if (_options.MetricsPort > 0 && context.Connection.LocalPort == _options.MetricsPort)
        {
            if (context.Request.Path == "/metrics")
            {
                context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await context.Response.WriteAsync(_metrics.Format(), context.RequestAborted);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
            return;
        }
        await next(context);
    }

    private async Task MeasureAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var proxy = context.Features.Get<IReverseProxyFeature>();
            var route = proxy?.Route.Config.RouteId;
            _metrics.Record(route, context.Response.StatusCode, elapsed.TotalSeconds);
            if (_access.IsEnabled(LogLevel.Information))
            {
                LogAccess(_access, context.Connection.RemoteIpAddress?.ToString() ?? "-", context.Request.Method, context.Request.Host.Value ?? "",
                    context.Request.Path.Value ?? "", context.Request.Protocol, context.Response.StatusCode, elapsed.TotalMilliseconds,
                    route ?? "-", proxy?.ProxiedDestination?.DestinationId ?? "-");
            }
        }
    }

    /// <summary>
    /// A forward that failed before any answer reached the client (the instance is gone: connection refused, reset,
    /// an answer cut short) goes to another instance when that is safe: always when the connection could not be made,
    /// otherwise for idempotent methods without a body. Passive health meanwhile takes the failing instance out.
    /// </summary>
    private static async Task RetryAsync(HttpContext context, Func<Task> next)
    {
        var proxy = context.GetReverseProxyFeature();
        // Load balancing narrows AvailableDestinations to its pick: remember the candidates before it runs.
        var candidates = proxy.AvailableDestinations;
        for (var attempt = 1; ; attempt++)
        {
            await next();
            var error = context.Features.Get<IForwarderErrorFeature>();
            if (error is null || context.Response.HasStarted || attempt >= MaxAttempts || !Retryable(context.Request, error))
            {
                return;
            }
            var failed = proxy.ProxiedDestination;
            candidates = candidates.Where(d => d != failed).ToList();
            if (candidates.Count == 0)
            {
                return;
            }
            proxy.AvailableDestinations = candidates;
            proxy.ProxiedDestination = null;
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
        }
    }

    private static bool Retryable(HttpRequest request, IForwarderErrorFeature error)
    {
        if (error.Error is ForwarderError.Request or ForwarderError.RequestTimedOut
            && error.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
        {
            return !request.HasFormContentType || request.ContentLength is null or 0;
        }
        // The instance took the request and then failed: reset, closed, or cut its answer short before a byte of it
        // reached the client (the caller checks that the response has not started). Only a safe request goes again.
        if (error.Error is not (ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.ResponseBodyDestination))
        {
            return false;
        }
        var bodiless = request.ContentLength is null or 0 && !request.Headers.ContainsKey("Transfer-Encoding");
        return bodiless && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Load balancer listening on {Endpoints}")]
    private static partial void LogListening(ILogger logger, string endpoints);

    [LoggerMessage(Level = LogLevel.Information, Message = "Load balancer routes: {Routes} routes, {Backends} backends")]
    private static partial void LogRoutes(ILogger logger, int routes, int backends);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Load balancer certificate problem: {Problem}")]
    private static partial void LogCertificateProblem(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saved load balancer routes cannot be read: {Reason}")]
    private static partial void LogSavedUnreadable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Load balancer routes cannot be saved: {Reason}")]
    private static partial void LogSaveFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Client} \"{Method} {Host}{Path} {Protocol}\" {Status} {Millis:0.0}ms route={Route} backend={Backend}")]
    internal static partial void LogAccess(ILogger logger, string client, string method, string host, string path, string protocol, int status, double millis, string route, string backend);
}

/// <summary>YARP's client with a short connect timeout: an instance that vanished must not hold a request for long.</summary>
internal sealed class LbHttpClientFactory : ForwarderHttpClientFactory
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = TimeSpan.FromSeconds(2);
        handler.PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30);
        // No distributed tracing here: skip the per-request trace header work.
        handler.ActivityHeadersPropagator = null;
    }
}
