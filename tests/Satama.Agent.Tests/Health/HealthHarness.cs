using Microsoft.Extensions.Logging;
using Satama.Agent.Docker;
using Satama.Agent.Health;
using Satama.Agent.Reconciler;
using Satama.Agent.Tests.Support;
using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Testing;

namespace Satama.Agent.Tests.Health;

/// <summary>Runs one busybox container on the real engine and a <see cref="HealthMonitor"/> on it; removes it on dispose.</summary>
internal sealed class HealthHarness : IAsyncDisposable
{
    public static readonly string[] Httpd = ["httpd", "-f", "-p", "8080", "-h", "/www"];

    private readonly ILoggerFactory _logging;
    private readonly List<string> _changes = [];

    public HealthHarness(ITestOutputHelper output)
    {
        _logging = TestLogging.Create(output);
        Driver = new DockerContainerDriver(new Uri("unix:///var/run/docker.sock"), _logging.CreateLogger<DockerContainerDriver>());
        Monitor = new HealthMonitor(Driver, TimeProvider.System, _logging.CreateLogger<HealthMonitor>());
        Monitor.Changed += (_, status) =>
        {
            lock (_changes)
            {
                _changes.Add(status.Health.ToWire());
            }
        };
    }

    public string Grid { get; } = UniqueNames.Next("hg");
    public string Node { get; } = UniqueNames.Next("hn");
    public DockerContainerDriver Driver { get; }
    public HealthMonitor Monitor { get; }
    public string Name => InstanceNames.Container(Grid, "null", "web", 1, 1);

    public IReadOnlyList<string> Changes
    {
        get
        {
            lock (_changes)
            {
                return [.. _changes];
            }
        }
    }

    /// <summary>A fast check: every 300 ms, 1 s timeout, 2 retries.</summary>
    public static HealthCheck Fast(HealthCheckType type, int port = 8080, string path = "/", IReadOnlyList<string>? command = null) => new()
    {
        Type = type,
        Port = port,
        Path = path,
        Command = command ?? [],
        Interval = TimeSpan.FromMilliseconds(300),
        Timeout = TimeSpan.FromSeconds(1),
        Retries = 2,
    };

    /// <summary>Creates and starts the container, then lets the monitor see it as a reconcile pass would.</summary>
    public async Task RunAsync(HealthCheck? check, IReadOnlyList<PortBindingView>? ports = null, IReadOnlyList<string>? command = null, string image = TestImages.Busybox)
    {
        await TestImages.BusyboxAsync();
        var desired = new DesiredContainerView
        {
            Name = Name,
            Grid = Grid,
            Service = "web",
            Instance = 1,
            Image = image,
            Command = command ?? Httpd,
            Ports = ports ?? [],
            SpecHash = "h1",
            Health = check,
        };
        await Driver.CreateAsync(desired, Node, CancellationToken.None);
        await Driver.StartAsync(Name, CancellationToken.None);
        var actual = await Eventually.ValueAsync(
            () => Driver.ListAsync(Grid, Node, CancellationToken.None),
            list => list.Any(c => c.State == ContainerRunState.Running),
            $"{Name} running");
        Monitor.Sync(new NodeReport(1, [.. actual.Select(a => new ReportedContainer(a.Name, a, desired, 0, ""))]));
    }

    public Task<HealthStatus> HealthAsync(InstanceHealth expected, string what) =>
        Eventually.ValueAsync(
            () => Task.FromResult(Monitor.Get(Name)),
            s => s.Health == expected,
            what,
            TimeSpan.FromSeconds(30),
            s => $"{s.Health.ToWire()} ({s.Detail})");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Monitor.DisposeAsync();
        }
        finally
        {
            await EngineCleanup.RemoveGridAsync(Grid);
            Driver.Dispose();
            _logging.Dispose();
        }
    }
}
