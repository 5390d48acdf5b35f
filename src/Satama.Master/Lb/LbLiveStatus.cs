using System.Collections.Concurrent;
using Satama.Protocol;

namespace Satama.Master.Lb;

/// <summary>What each ingress node's load balancer last said it serves (from its reports; kept in memory only).</summary>
internal sealed class LbLiveStatus(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Grid, string Node), (LbStatus Status, DateTimeOffset At)> _status = new();

    public void Record(string grid, string node, ContainerReport report)
    {
        if (report.LbStatus is { } status)
        {
            _status[(grid, node)] = (status, time.GetUtcNow());
        }
    }

    public (LbStatus Status, DateTimeOffset At)? Get(string grid, string node) =>
        _status.TryGetValue((grid, node), out var entry) ? entry : null;
}
