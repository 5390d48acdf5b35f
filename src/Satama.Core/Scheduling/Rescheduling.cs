using Satama.Core.Model;

namespace Satama.Core.Scheduling;

/// <summary>
/// When instances leave a node that stays offline, and what a node finds stale when it returns.
/// Time is a parameter: the caller passes its clock's now.
/// </summary>
public static class Rescheduling
{
    /// <summary>Offline for longer than <paramref name="grace"/>: its stateless instances may be placed elsewhere.</summary>
    public static bool IsLapsed(NodeView node, DateTimeOffset now, TimeSpan grace) =>
        !node.Online && node.OfflineSince is { } since && now - since > grace;

    /// <summary>The grace period that applies to <paramref name="service"/>: its own, else the grid's.</summary>
    public static TimeSpan GracePeriodOf(ServiceSpec service, TimeSpan gridGrace) => service.Placement?.GracePeriod ?? gridGrace;

    /// <summary>
    /// The next moment after <paramref name="now"/> at which an offline node lapses for one of the services that
    /// would move (stateless, not daemon), so a controller can wake then; null when none will.
    /// </summary>
    public static DateTimeOffset? NextLapse(IEnumerable<NodeView> nodes, IEnumerable<ServiceSpec> services, TimeSpan gridGrace, DateTimeOffset now)
    {
        var graces = services
            .Where(s => s.Placement is { Stateful: false, Strategy: not PlacementStrategy.Daemon } || s.Placement is null)
            .Select(s => GracePeriodOf(s, gridGrace))
            .Distinct()
            .ToList();
        DateTimeOffset? next = null;
        foreach (var node in nodes.Where(n => !n.Online && n.OfflineSince is not null))
        {
            foreach (var grace in graces)
            {
                // IsLapsed is strict (longer than the grace), so the moment is just past since + grace.
                var at = node.OfflineSince!.Value + grace + TimeSpan.FromMilliseconds(1);
                if (at > now && (next is null || at < next))
                {
                    next = at;
                }
            }
        }
        return next;
    }

    /// <summary>
    /// The instances running on <paramref name="node"/> (as it reports them) that the current assignments put
    /// elsewhere or nowhere: a node returning after its instances were rescheduled must remove these.
    /// </summary>
    public static IReadOnlyList<InstanceView> StaleOnReturn(string node, IEnumerable<InstanceView> running, IEnumerable<InstanceView> assigned)
    {
        var wanted = assigned
            .Where(a => a.Node == node)
            .Select(a => (a.Stack, a.Service, a.Number))
            .ToHashSet();
        return running
            .Where(r => r.Node == node && !wanted.Contains((r.Stack, r.Service, r.Number)))
            .OrderBy(r => r.Stack, StringComparer.Ordinal).ThenBy(r => r.Service, StringComparer.Ordinal).ThenBy(r => r.Number)
            .ToList();
    }
}
