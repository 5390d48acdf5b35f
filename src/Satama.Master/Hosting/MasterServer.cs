using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Satama.Master.Auth;
using Satama.Master.Controllers;
using Satama.Master.Hosting;
using Satama.Master.Store;
using Satama.Master.Tls;

namespace Satama.Master;

/// <summary>A running master: REST API, agent endpoint and controllers on one TLS port.</summary>
public sealed class MasterServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IStore _store;
    private readonly MasterCertificates _certificates;
    private readonly DataDirLock _lock;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private MasterServer(WebApplication app, IStore store, MasterCertificates certificates, DataDirLock dataLock, Uri url, string adminTokenPath, string adminToken)
    {
        _app = app;
        _lock = dataLock;
        _store = store;
        _certificates = certificates;
        Url = url;
        AdminTokenPath = adminTokenPath;
        AdminToken = adminToken;
        app.Lifetime.ApplicationStopped.Register(() => _stopped.TrySetResult());
    }

    /// <summary>The first listen address, with the real port.</summary>
    public Uri Url { get; }

    /// <summary>The SHA-256 fingerprint of the CA that clients and agents pin.</summary>
    public string CaFingerprint => _certificates.CaFingerprint;

    /// <summary>DATA/admin-token, mode 0600.</summary>
    public string AdminTokenPath { get; }

    public string AdminToken { get; }

    /// <summary>The app's services, for tests that walk its endpoint table.</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>Completes when the server has stopped.</summary>
    public Task Completion => _stopped.Task;

    public static async Task<MasterServer> StartAsync(MasterOptions options, CancellationToken ct = default)
    {
        if (options.Listen.Count == 0)
        {
            throw new ArgumentException("the master needs at least one listen address", nameof(options));
        }
        var dataDir = Path.GetFullPath(options.DataDir);
        if (!Directory.Exists(dataDir))
        {
            // Keys, tokens and the database live here: only the owner may look in.
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(dataDir);
            }
            else
            {
                Directory.CreateDirectory(dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        options = options with { DataDir = dataDir };
        var time = TimeProvider.System;
        var dataLock = DataDirLock.Acquire(dataDir);
        IStore store;
        try
        {
            // The database holds grid join tokens; SQLite gives its -wal and -shm files the same mode.
            PrivateFile.Ensure(Path.Combine(dataDir, "satama.db"));
            store = await SqliteStore.OpenAsync(Path.Combine(dataDir, "satama.db"), time, ct);
        }
        catch
        {
            dataLock.Dispose();
            throw;
        }
        MasterCertificates? certificates = null;
        WebApplication? app = null;
        try
        {
            var hosts = options.Listen.Select(l => ListenAddress.Parse(l).Host).ToList();
            certificates = CertificateStore.LoadOrCreate(dataDir, hosts, time.GetUtcNow());
            var adminToken = await AdminTokenFile.LoadOrCreateAsync(dataDir, store, ct);
            var context = new MasterContext(options, certificates.CaFingerprint);
            app = MasterApp.Build(options, store, certificates, context);
            await app.Services.GetRequiredService<NodeMonitor>().MarkAllOfflineAsync(ct);
            await app.StartAsync(ct);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            // Kestrel knows the real port (port 0 binds a free one); the host stays as the user wrote it.
            var bound = new Uri((addresses?.FirstOrDefault() ?? options.Listen[0]).Replace("//+:", "//localhost:", StringComparison.Ordinal)
                .Replace("//*:", "//localhost:", StringComparison.Ordinal));
            context.Url = new UriBuilder(options.Listen[0]) { Port = bound.Port }.Uri;
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<MasterServer>()
                .LogInformation("Master listening on {Url}; CA fingerprint {Fingerprint}; data in {DataDir}", context.Url, certificates.CaFingerprint, dataDir);
            return new MasterServer(app, store, certificates, dataLock, context.Url, Path.Combine(dataDir, AdminTokenFile.FileName), adminToken);
        }
        catch
        {
            // Nothing half-started stays behind: a port in use must not leave the database open.
            if (app is not null)
            {
                await app.DisposeAsync();
            }
            certificates?.Dispose();
            await store.DisposeAsync();
            dataLock.Dispose();
            throw;
        }
    }

    public async Task StopAsync(CancellationToken ct = default)
    {
        await _app.StopAsync(ct);
        _stopped.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        try
        {
            await StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
            await _store.DisposeAsync();
            _certificates.Dispose();
            _lock.Dispose();
        }
    }
}
