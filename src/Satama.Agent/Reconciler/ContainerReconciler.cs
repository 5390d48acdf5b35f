using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Satama.Agent.Docker;
using Satama.Core.Reconciling;

namespace Satama.Agent.Reconciler;

/// <summary>
/// The agent's control loop: reads the desired set (the last one received, kept on disk)
/// and the engine's containers, asks <see cref="NodeDiff"/> for a plan and applies it step by
/// step. Level-triggered: a new desired set, a container event and a timer all just wake
/// it up; every pass starts from scratch, so a missed wake-up costs only latency.
/// </summary>
internal sealed partial class ContainerReconciler
{
    public static readonly TimeSpan DefaultResync = TimeSpan.FromSeconds(3);

    private readonly IContainerDriver _driver;
    private readonly string _node;
    private readonly AgentStateFiles _files;
    private readonly TimeProvider _time;
    private readonly TimeSpan _resync;
    private readonly ILogger<ContainerReconciler> _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Dictionary<string, RestartRecord> _restarts;
    private readonly Dictionary<string, FailureRecord> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ContainerRunState State, string Id)> _lastStates = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _passGate = new(1, 1);
    // Guards the restart and failure records while a phase applies steps in parallel.
    private readonly Lock _stateGate = new();
    private DesiredNodeView? _desired;
    private CancellationTokenSource _gridChanged = new();
    private volatile bool _eventSeen;
    private DateTimeOffset? _wakeAt;
    private ulong _passVersion;

    public ContainerReconciler(IContainerDriver driver, string node, string dataDir, TimeProvider time, ILogger<ContainerReconciler> logger, TimeSpan? resync = null)
    {
        _driver = driver;
        _node = node;
        _files = new AgentStateFiles(dataDir, logger);
        _time = time;
        _logger = logger;
        _resync = resync ?? DefaultResync;
        _desired = _files.LoadDesired() is { } saved && saved.Node == node ? saved : null;
        _restarts = new Dictionary<string, RestartRecord>(_files.LoadRestarts(), StringComparer.Ordinal);
    }

    /// <summary>Raised after every pass; the flag says whether it changed something or followed an engine event.</summary>
    public event Action<NodeReport, bool>? Reported;

    public DesiredNodeView? Desired
    {
        get
        {
            lock (_gate)
            {
                return _desired;
            }
        }
    }

    public NodeReport? LastReport { get; private set; }

    /// <summary>The version of the last desired set this agent knows (0 if none).</summary>
    public ulong DesiredVersion => Desired?.Version ?? 0;

    /// <summary>Replaces the desired set, persists it and wakes the loop.</summary>
    public void SetDesired(DesiredNodeView desired)
    {
        if (desired.Node != _node)
        {
            throw new ArgumentException($"desired set is for node {desired.Node}, this is node {_node}", nameof(desired));
        }
        CancellationTokenSource? old = null;
        lock (_gate)
        {
            _files.SaveDesired(desired);
            if (_desired?.Grid != desired.Grid)
            {
                old = _gridChanged;
                _gridChanged = new CancellationTokenSource();
            }
            _desired = desired;
        }
        old?.Cancel();
        old?.Dispose();
        LogDesired(desired.Version, desired.Containers.Count);
        Trigger();
    }

    public void Trigger() => _wake.Writer.TryWrite(true);

    /// <summary>Runs passes until cancelled: on a trigger, an engine event, a due restart, or every resync interval.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var watcher = WatchEventsAsync(ct);
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            var delay = _resync;
            try
            {
                await ReconcileOnceAsync(ct);
                failures = 0;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                failures++;
                LogPassFailed(e);
                delay = RestartBackoff.Delay(failures);
            }
            await WaitAsync(delay, ct);
        }
        await watcher;
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken ct)
    {
        if (_wakeAt is { } wakeAt)
        {
            var untilDue = wakeAt - _time.GetUtcNow();
            delay = untilDue < delay ? (untilDue < TimeSpan.Zero ? TimeSpan.Zero : untilDue) : delay;
        }
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(delay);
        try
        {
            await _wake.Reader.WaitToReadAsync(timer.Token);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The timer fired: a periodic resync.
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
