using Microsoft.Extensions.Logging;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Testing;

namespace Satama.Master.Tests.Infrastructure;

/// <summary>A real MasterServer on a free loopback port with its own data dir, and a client for it.</summary>
public sealed class TestMaster : IAsyncDisposable
{
    private readonly TempDirectory? _ownedDir;

    private TestMaster(MasterServer server, string dataDir, TempDirectory? ownedDir)
    {
        Server = server;
        DataDir = dataDir;
        _ownedDir = ownedDir;
        Client = new SatamaClient(server.Url, server.AdminToken, server.CaFingerprint);
    }

    public MasterServer Server { get; }
    public string DataDir { get; }
    public SatamaClient Client { get; }

    public static async Task<TestMaster> StartAsync(string? dataDir = null, TimeSpan? heartbeatTimeout = null)
    {
        var owned = dataDir is null ? new TempDirectory("satama-master-") : null;
        var dir = dataDir ?? owned!.Path;
        var server = await MasterServer.StartAsync(Options(dir, heartbeatTimeout));
        return new TestMaster(server, dir, owned);
    }

    public static MasterOptions Options(string dataDir, TimeSpan? heartbeatTimeout = null) => new()
    {
        DataDir = dataDir,
        Listen = ["https://127.0.0.1:0"],
        HeartbeatInterval = TimeSpan.FromMilliseconds(200),
        HeartbeatTimeout = heartbeatTimeout ?? TimeSpan.FromSeconds(5),
        MinimumLogLevel = LogLevel.Warning,
    };

    public SatamaClient ClientWithToken(string? token) => new(Server.Url, token, Server.CaFingerprint);

    /// <summary>A pinned HttpClient for raw requests (malformed bodies, headers); the admin token unless another is given.</summary>
    public HttpClient RawHttp(string? token = null)
    {
        var http = new HttpClient(PinnedHttpHandler.Create(Server.CaFingerprint)) { BaseAddress = Server.Url };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token ?? Server.AdminToken);
        return http;
    }

    public async Task<GridDetailsDto> NewGridAsync() => await Client.CreateGridAsync(new GridCreateRequest(UniqueNames.Next("g")));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        _ownedDir?.Dispose();
    }
}
