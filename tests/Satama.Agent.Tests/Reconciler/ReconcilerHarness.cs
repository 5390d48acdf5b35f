using Microsoft.Extensions.Logging;
using Satama.Agent.Docker;
using Satama.Agent.Reconciler;
using Satama.Agent.Tests.Support;
using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Testing;

namespace Satama.Agent.Tests.Reconciler;

/// <summary>A reconciler on the real engine with a grid of its own; removes the grid's containers on dispose.</summary>
internal sealed class ReconcilerHarness : IAsyncDisposable
{
    public static readonly string[] Httpd = ["httpd", "-f", "-p", "8080", "-h", "/www"];

    private readonly ILoggerFactory _logging;
    private readonly TempDirectory _dataDir = new("satama-agent-test-");
    private CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    public ReconcilerHarness(ITestOutputHelper output)
    {
        _logging = TestLogging.Create(output);
        Driver = new DockerContainerDriver(new Uri("unix:///var/run/docker.sock"), _logging.CreateLogger<DockerContainerDriver>());
        Reconciler = NewReconciler();
    }

    public string Grid { get; } = UniqueNames.Next("tg");
    public string Node { get; } = UniqueNames.Next("tn");
    public string DataDir => _dataDir.Path;
    public DockerContainerDriver Driver { get; }
    public ContainerReconciler Reconciler { get; private set; }

    public DesiredContainerView Web(int instance, string hash = "h1", RestartPolicy restart = RestartPolicy.Always, string image = TestImages.Busybox) => new()
    {
        Name = InstanceNames.Container(Grid, "null", "web", instance, 1),
        Grid = Grid,
        Service = "web",
        Instance = instance,
        Image = image,
        Command = Httpd,
        Env = new Dictionary<string, string> { ["GREETING"] = "hello" },
        Restart = restart,
        SpecHash = hash,
    };

    public DesiredNodeView Desired(ulong version, params DesiredContainerView[] containers) => new(Grid, Node, version, containers);

    public void Start()
    {
        _stop = new CancellationTokenSource();
        var reconciler = Reconciler;
        _running = Task.Run(() => reconciler.RunAsync(_stop.Token));
    }

    /// <summary>Stops the loop and builds a fresh reconciler on the same data dir, like an agent restart.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        Reconciler = NewReconciler();
        Start();
    }

    public Task<IReadOnlyList<ActualContainerView>> ListAsync() => Driver.ListAsync(Grid, Node, CancellationToken.None);

    public async Task<IReadOnlyList<ActualContainerView>> RunningAsync(int count, string what) =>
        await Eventually.ValueAsync(
            ListAsync,
            list => list.Count == count && list.All(c => c.State == ContainerRunState.Running),
            what,
            describe: list => string.Join(", ", list.Select(c => $"{c.Name}:{c.State}:{c.SpecHash}")));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            await EngineCleanup.RemoveGridAsync(Grid);
            Driver.Dispose();
            _dataDir.Dispose();
            _logging.Dispose();
        }
    }

    private async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
    }

    /// <summary>Replaces the (not started) reconciler with one that goes through <paramref name="driver"/>.</summary>
    public void UseDriver(IContainerDriver driver) => Reconciler = NewReconciler(driver);

    private ContainerReconciler NewReconciler(IContainerDriver? driver = null) =>
        new(driver ?? Driver, Node, DataDir, TimeProvider.System, _logging.CreateLogger<ContainerReconciler>(), TimeSpan.FromSeconds(1));
}
