using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Satama.Agent.Docker;

internal sealed partial class DockerContainerDriver
{
    private static readonly string[] s_watchedActions = ["create", "start", "die", "destroy", "stop", "kill", "oom"];

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> LogsAsync(string id, int tail, bool follow, bool timestamps, [EnumeratorCancellation] CancellationToken ct)
    {
        using var stream = await _client.Containers.GetContainerLogsAsync(id, new ContainerLogsParameters
        {
            ShowStdout = true,
            ShowStderr = true,
            Follow = follow,
            Timestamps = timestamps,
            Tail = tail > 0 ? tail.ToString(System.Globalization.CultureInfo.InvariantCulture) : "all",
        }, ct);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            // The multiplexed stream strips Docker's frame headers; stdout and stderr stay in order.
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, ct);
            if (read.EOF)
            {
                yield break;
            }
            yield return buffer.AsMemory(0, read.Count).ToArray();
        }
    }

    public async Task<ExecOutcome> ExecAsync(string id, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken ct)
    {
        ContainerExecCreateResponse exec;
        try
        {
            exec = await _client.Exec.CreateContainerExecAsync(id, new ContainerExecCreateParameters
            {
                AttachStdout = true,
                AttachStderr = true,
                Cmd = [.. command],
            }, ct);
        }
        catch (DockerApiException e)
        {
            return new ExecOutcome(-1, [], [], Message(e));
        }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        try
        {
            using var stream = await _client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), limit.Token);
            await stream.CopyOutputToAsync(Stream.Null, stdout, stderr, limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ExecOutcome(-1, stdout.ToArray(), stderr.ToArray(), $"command timed out after {timeout.TotalSeconds:0} s");
        }
        catch (DockerApiException e)
        {
            return new ExecOutcome(-1, stdout.ToArray(), stderr.ToArray(), Message(e));
        }
        var inspect = await _client.Exec.InspectContainerExecAsync(exec.ID, ct);
        return new ExecOutcome((int)(inspect.ExitCode ?? -1), stdout.ToArray(), stderr.ToArray());
    }

    public async IAsyncEnumerable<ContainerEvent> WatchAsync(string grid, string node, [EnumeratorCancellation] CancellationToken ct)
    {
        var events = Channel.CreateUnbounded<ContainerEvent>(new UnboundedChannelOptions { SingleReader = true });
        var filters = LabelFilter(grid, node);
        filters["type"] = new Dictionary<string, bool> { ["container"] = true };
        filters["event"] = s_watchedActions.ToDictionary(a => a, _ => true);
        var monitor = Task.Run(async () =>
        {
            try
            {
                await _client.System.MonitorEventsAsync(
                    new ContainerEventsParameters { Filters = filters },
                    new SyncProgress<Message>(m => events.Writer.TryWrite(new ContainerEvent(
                        DockerMapping.Get(m.Actor?.Attributes, "name") ?? "", m.Action ?? "", m.Actor?.ID ?? ""))),
                    ct);
                events.Writer.TryComplete();
            }
            catch (Exception e)
            {
                events.Writer.TryComplete(e);
            }
        }, CancellationToken.None);
        await foreach (var item in events.Reader.ReadAllAsync(ct))
        {
            yield return item;
        }
        await monitor;
    }

}
