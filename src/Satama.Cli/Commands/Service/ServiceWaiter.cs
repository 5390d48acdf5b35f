using System.Diagnostics;
using Satama.Client.Dtos;

namespace Satama.Cli.Commands.Service;

/// <summary>
/// --wait: polls the service until every desired instance runs its current revision, telling
/// progress on stderr as it changes, and fails with the master's problems when time runs out.
/// </summary>
internal static class ServiceWaiter
{
    private static readonly TimeSpan s_poll = TimeSpan.FromSeconds(1);

    public static async Task<ServiceDto> WaitAsync(ApiSession session, ServiceName name, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        string? lastProgress = null;
        while (true)
        {
            var service = await session.Client.GetServiceAsync(session.Grid, name.Stack, name.Name, ct);
            var current = service.InstanceList.Count(i => i.State == "running" && i.Revision >= service.Revision);
            if (IsDone(service, current))
            {
                return service;
            }
            var progress = $"{name}: {current}/{service.Instances} running revision {service.Revision}";
            if (progress != lastProgress)
            {
                session.Environment.Error.WriteLine(progress + "…");
                lastProgress = progress;
            }
            if (clock.Elapsed > timeout)
            {
                var problems = service.Problems.Concat(service.InstanceList.Where(i => i.Error is not null).Select(i => $"{i.Name}: {i.Error}"));
                throw new CliException([$"{name} is not ready after {timeout.TotalSeconds:0} s ({current}/{service.Instances} running)", .. problems], ExitCodes.Failed);
            }
            await Task.Delay(s_poll, ct);
        }
    }

    // Ready when exactly the desired number run the current revision and nothing else is left running.
    private static bool IsDone(ServiceDto service, int current) =>
        current == service.Instances && service.Running == service.Instances;
}
