using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Satama.Agent.Docker;
using Satama.Agent.Health;
using Satama.Agent.Lb;
using Satama.Agent.MasterLink;
using Satama.Agent.Overlay;
using Satama.Agent.Reconciler;
using Satama.Core.Lb;

namespace Satama.Agent;

/// <summary>
/// A running node agent: the container reconciler and the link to the master, side by side.
/// Stopping it leaves the containers running (the data plane does not depend on the agent).
/// </summary>
public sealed class AgentRunner : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ILoggerFactory? _ownedLogging;
    private readonly DockerContainerDriver _driver;

    private AgentRunner(DockerContainerDriver driver, ContainerReconciler reconciler, MasterConnector connector, HealthMonitor health, ILoggerFactory? ownedLogging,
        OverlayAgent? overlay = null)
    {
        Overlay = overlay;
        _driver = driver;
        Health = health;
        Reconciler = reconciler;
        Connector = connector;
        _ownedLogging = ownedLogging;
        var reconciling = Task.Run(() => reconciler.RunAsync(_stop.Token));
        var linking = Task.Run(() => connector.RunAsync(_stop.Token));
        Completion = FinishAsync(reconciling, linking);
    }

    /// <summary>Completes when the agent has stopped (after <see cref="StopAsync"/>).</summary>
    public Task Completion { get; }

    internal ContainerReconciler Reconciler { get; }

    internal MasterConnector Connector { get; }

    internal HealthMonitor Health { get; }

    /// <summary>The node's overlay network and DNS; null when the agent runs without one.</summary>
    internal OverlayAgent? Overlay { get; }

    /// <summary>Starts an agent. Throws when the options are invalid or the Docker Engine does not answer.</summary>
    public static Task<AgentRunner> StartAsync(AgentOptions options, CancellationToken ct = default)
    {
        var logging = LoggerFactory.Create(b => b
            .SetMinimumLevel(options.MinimumLogLevel)
            .AddSimpleConsole(c =>
            {
                c.SingleLine = true;
                c.TimestampFormat = "HH:mm:ss ";
            })
            // Logs are diagnostics: stderr, so that a command's own output on stdout stays clean.
            .Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        return StartAsync(options, logging, ownsLogging: true, ct);
    }

    /// <summary>Starts an agent that logs to <paramref name="logging"/> (tests, or a host with its own logging).</summary>
    internal static async Task<AgentRunner> StartAsync(AgentOptions options, ILoggerFactory logging, bool ownsLogging, CancellationToken ct = default)
    {
        var errors = AgentOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid agent options: " + string.Join("; ", errors), nameof(options));
        }
        Directory.CreateDirectory(options.DataDir);
        var engine = new Uri(options.DockerHost);
        var secretFiles = new Secrets.SecretFiles(options.SecretsDir ?? Secrets.SecretFiles.DefaultRoot(options.DataDir));
        var driver = new DockerContainerDriver(engine, logging.CreateLogger<DockerContainerDriver>(), secretFiles,
            HostPathGuard.For(engine, options.DataDir, secretFiles.Root));
        try
        {
            await driver.GetEngineInfoAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            driver.Dispose();
            throw new InvalidOperationException($"the Docker Engine at {options.DockerHost} does not answer: {e.Message}", e);
        }
        var reconciler = new ContainerReconciler(driver, options.NodeName, options.DataDir, TimeProvider.System, logging.CreateLogger<ContainerReconciler>());
        var trust = new CaTrust(options.CaFingerprint, options.DataDir, logging.CreateLogger<CaTrust>());
        var health = new HealthMonitor(driver, TimeProvider.System, logging.CreateLogger<HealthMonitor>());
        reconciler.Reported += (report, _) => health.Sync(report);
        OverlayAgent? overlay = null;
        if (options.WgInterface is not null)
        {
            try
            {
                overlay = await OverlayAgent.StartAsync(options, driver, reconciler, logging.CreateLogger<OverlayAgent>(), ct);
            }
            catch (OverlayException e)
            {
                driver.Dispose();
                throw new InvalidOperationException($"the overlay cannot start: {e.Message} (install wireguard-tools, or run without an overlay)", e);
            }
        }
        var connector = new MasterConnector(options, reconciler, driver, trust, TimeProvider.System, logging.CreateLogger<MasterConnector>(), health, overlay);
        if (options.Lb.Enabled ?? LbRouting.IsIngress(options.Labels))
        {
            try
            {
                connector.Lb = await LbServer.StartAsync(options.Lb, options.DataDir, options.MinimumLogLevel, ct);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                if (overlay is not null)
                {
                    await overlay.DisposeAsync();
                }
                driver.Dispose();
                // No inner exception: callers print the innermost message, and this one says which ports.
                throw new InvalidOperationException($"the load balancer cannot listen on {options.Lb.BindAddress} (ports {options.Lb.HttpPort}, {options.Lb.HttpsPort}, {options.Lb.MetricsPort}): {e.GetBaseException().Message}");
            }
        }
        return new AgentRunner(driver, reconciler, connector, health, ownsLogging ? logging : null, overlay);
    }

    /// <summary>Stops reconciling and drops the link; the containers keep running.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        await _stop.CancelAsync();
        await Completion.WaitAsync(ct);
    }

    /// <summary>Same as <see cref="StopAsync"/>; safe to call again after it.</summary>
    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task FinishAsync(Task reconciling, Task linking)
    {
        try
        {
            await Task.WhenAll(reconciling, linking);
        }
        finally
        {
            await Health.DisposeAsync();
            if (Connector.Lb is { } lb)
            {
                await lb.DisposeAsync();
            }
            if (Overlay is not null)
            {
                await Overlay.DisposeAsync();
            }
            _driver.Dispose();
            _ownedLogging?.Dispose();
        }
    }
}
