using System.Diagnostics;
using System.Globalization;
using Satama.Client.Dtos;

namespace Satama.Cli.Commands.Service;

/// <summary>
/// --wait: polls the service until its rollout has finished and every instance runs the revision
/// asked for, healthy; tells progress on stderr as it changes (what the rollout waits for). Fails
/// with the rollout's reason when it fails or rolls back, and with the master's problems when time runs out.
/// </summary>
internal static class ServiceWaiter
{
    private static readonly TimeSpan s_poll = TimeSpan.FromSeconds(1);

    public static async Task<ServiceDto> WaitAsync(ApiSession session, ServiceName name, long revision, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        string? lastProgress = null;
        while (true)
        {
            var service = await session.Client.GetServiceAsync(session.Grid, name.Stack, name.Name, ct);
            var ready = service.InstanceList.Count(i => i.State == "running" && i.Health == "healthy" && i.Revision >= revision);
            if (service.Deployment is null && service.Revision == revision && ready >= service.Instances && service.Running == service.Instances)
            {
                return service;
            }
            if (service.Deployment is { State: "paused" } paused)
            {
                throw new CliException([$"{name}: the rollout of revision {paused.Revision} stopped: {paused.Reason}",
                    $"fix the service and run 'satama service deploy {name}' to try again"], ExitCodes.Failed);
            }
            if (service.Revision != revision)
            {
                await FailOverAsync(session, name, revision, ct);
            }
            var progress = Progress(name, service, revision, ready);
            if (progress != lastProgress)
            {
                session.Environment.Error.WriteLine(progress);
                lastProgress = progress;
            }
            if (clock.Elapsed > timeout)
            {
                var problems = service.Problems.Concat(service.InstanceList.Where(i => i.Error is not null).Select(i => $"{i.Name}: {i.Error}"));
                throw new CliException([$"{name} is not ready after {timeout.TotalSeconds:0} s ({ready}/{service.Instances} healthy at revision {revision})",
                    .. service.Deployment is { } d ? [d.Reason] : Array.Empty<string>(), .. problems], ExitCodes.Failed);
            }
            await Task.Delay(s_poll, ct);
        }
    }

    /// <summary>The service left the revision waited for: say why (failed and rolled back, or superseded).</summary>
    private static async Task FailOverAsync(ApiSession session, ServiceName name, long revision, CancellationToken ct)
    {
        var deploys = await session.Client.ListDeploysAsync(session.Grid, name.Stack, name.Name, ct);
        var mine = deploys.FirstOrDefault(d => d.Revision == revision && d.State is "failed" or "superseded");
        var rollback = deploys.FirstOrDefault(d => d.Kind == "rollback" && d.Started >= (mine?.Ended ?? DateTimeOffset.MinValue));
        var why = mine is null ? "it was changed meanwhile" : $"{mine.State}: {mine.Reason}";
        var then = rollback is null ? "" : $"; rolled back to revision {rollback.Revision.ToString(CultureInfo.InvariantCulture)}";
        throw new CliException([$"{name}: revision {revision} did not roll out: {why}{then}"], ExitCodes.Failed);
    }

    private static string Progress(ServiceName name, ServiceDto service, long revision, int ready)
    {
        var bar = Bar(ready, service.Instances);
        var reason = service.Deployment is { } d ? $": {d.Reason}" : "";
        return $"{name} {bar} {ready}/{service.Instances} healthy at revision {revision}{reason}";
    }

    private static string Bar(int done, int total)
    {
        const int Width = 20;
        var filled = total <= 0 ? Width : Math.Clamp(done * Width / total, 0, Width);
        return "[" + new string('#', filled) + new string('.', Width - filled) + "]";
    }
}
