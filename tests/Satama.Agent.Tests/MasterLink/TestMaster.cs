using System.Collections.ObjectModel;
using System.Net;
using System.Net.Security;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Satama.Protocol;
using Satama.Testing;

namespace Satama.Agent.Tests.MasterLink;

/// <summary>A small gRPC master on Kestrel (TLS, port 0) whose behaviour each test sets.</summary>
internal sealed class TestMaster : IAsyncDisposable
{
    private readonly Channel<TestMasterSession> _sessions = Channel.CreateUnbounded<TestMasterSession>();
    private WebApplication? _app;

    private TestMaster(TestCertificates certificates) => Certificates = certificates;

    public TestCertificates Certificates { get; }
    public Uri Url { get; private set; } = null!;
    public string Grid { get; set; } = UniqueNames.Next("tg");
    public int HeartbeatIntervalMs { get; set; } = 200;
    public int HeartbeatTimeoutMs { get; set; } = 5000;
    public string? RejectReason { get; set; }
    /// <summary>A node credential for the Welcome of an agent that joined with the grid token.</summary>
    public string? IssueCredential { get; set; }
    /// <summary>After Welcome, answer nothing and never close: a half-open link.</summary>
    public bool Silent { get; set; }
    public DesiredSet? Desired { get; set; }
    public List<TestMasterSession> Sessions { get; } = [];

    public static async Task<TestMaster> StartAsync(TestCertificates certificates)
    {
        var master = new TestMaster(certificates);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(master);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            var context = ChainContext(certificates);
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificates.Server,
                OnAuthenticate = (_, ssl) => ssl.ServerCertificateContext = context,
            });
        }));
        var app = builder.Build();
        app.MapGrpcService<TestAgentLinkService>();
        await app.StartAsync();
        master._app = app;
        master.Url = new Uri(app.Urls.First());
        return master;
    }

    /// <summary>
    /// Sends the CA after the server certificate, as the real master does: the public
    /// SslStreamCertificateContext.Create drops a self-signed root on Linux, and the agent
    /// needs the CA to check its pin.
    /// </summary>
    private static SslStreamCertificateContext ChainContext(TestCertificates certificates)
    {
        var constructor = typeof(SslStreamCertificateContext).GetConstructor(
            BindingFlags.NonPublic | BindingFlags.Instance,
            [typeof(X509Certificate2), typeof(ReadOnlyCollection<X509Certificate2>), typeof(SslCertificateTrust)])
            ?? throw new InvalidOperationException("this runtime has no SslStreamCertificateContext(cert, intermediates, trust) constructor");
        return (SslStreamCertificateContext)constructor.Invoke([certificates.Server, new ReadOnlyCollection<X509Certificate2>([certificates.Ca]), null]);
    }

    public void Register(TestMasterSession session)
    {
        lock (Sessions)
        {
            Sessions.Add(session);
        }
        _sessions.Writer.TryWrite(session);
    }

    /// <summary>The next agent connection (after its Hello).</summary>
    public async Task<TestMasterSession> NextSessionAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        try
        {
            return await _sessions.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no agent connected to the test master (sessions so far: {Sessions.Count})");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
        foreach (var session in Sessions)
        {
            session.Dispose();
        }
    }
}
