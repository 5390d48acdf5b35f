using System.Diagnostics;
using Satama.Client.Dtos;

namespace Satama.Cli.Commands.Stack;

/// <summary>
/// --wait: polls the stack until every wanted instance of every service runs its current revision, telling progress
/// on stderr as it changes, and fails with the master's reasons when time runs out.
/// </summary>
internal static class StackWaiter
{
    private static readonly TimeSpan s_poll = TimeSpan.FromSeconds(1);

    public static async Task<StackDto> WaitAsync(ApiSession session, string name, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        string? lastProgress = null;
        while (true)
        {
            var stack = await session.Client.GetStackAsync(session.Grid, name, ct);
            if (stack.State is "running" or "stopped")
            {
                return stack;
            }
            if (stack.State == "failed")
            {
                var why = stack.Services
                    .Select(s => (s.Name, Deployment: s.Deployment ?? (s.LastDeployment is { Kind: "rollback" } ? s.LastDeployment : null)))
                    .Where(x => x.Deployment is not null)
                    .Select(x => $"{x.Name}: {(x.Deployment!.Kind == "rollback" ? "rolled back" : "rollout stopped")}: {x.Deployment.Reason}");
                throw new CliException([$"stack {name} did not roll out", .. why], ExitCodes.Failed);
            }
            var progress = $"{name}: {StackText.Instances(stack)} instances running (" +
                string.Join(", ", stack.Services.Select(s => $"{s.Name} {s.Running}/{s.Instances}{(s.Deployment is { } d ? $": {d.Reason}" : "")}")) + ")";
            if (progress != lastProgress)
            {
                session.Environment.Error.WriteLine(progress + "…");
                session.Environment.Error.Flush();
                lastProgress = progress;
            }
            if (clock.Elapsed > timeout)
            {
                var reasons = stack.Services.SelectMany(s => s.Problems.Select(p => $"{s.Name}: {p}")
                    .Concat(s.InstanceList.Where(i => i.Error is not null).Select(i => $"{i.Name}: {i.Error}"))
                    .Concat(s.InstanceList.Where(i => i.State is "exited" or "dead").Select(i => $"{i.Name}: {i.State}{(i.ExitCode is { } code ? $" with code {code}" : "")} ({i.RestartCount} restarts)")))
                    .Distinct();
                throw new CliException([$"stack {name} is not running after {timeout.TotalSeconds:0} s ({StackText.Instances(stack)} instances running)", .. reasons],
                    ExitCodes.Failed);
            }
            await Task.Delay(s_poll, ct);
        }
    }

    public static TimeSpan Limit(IWaitSettings settings, CliEnvironment environment) =>
        settings.Wait ? TimeSpan.FromSeconds(settings.TimeoutSeconds) + environment.RequestTimeout : environment.RequestTimeout;
}
