using System.Collections.Concurrent;
using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Satama.Agent.Docker;
using Satama.Core.Reconciling;
using Satama.Protocol;

namespace Satama.Agent.MasterLink;

/// <summary>
/// Answers the master's log and exec requests of one session. Each runs on its own task,
/// matched by request id; a following log runs until a CancelRequest or the link drops.
/// Only this node's containers of this grid can be reached.
/// </summary>
internal sealed partial class LinkRequests(
    IContainerDriver driver,
    Func<AgentMessage, CancellationToken, ValueTask> send,
    string grid,
    string node,
    ILogger logger)
{
    private static readonly TimeSpan s_defaultExecTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _tasks = new();
    private readonly ILogger _logger = logger;

    public void StartLogs(LogRequest request, CancellationToken session) => Track(request.RequestId, session, ct => LogsAsync(request, session, ct));

    public void StartExec(ExecRequest request, CancellationToken session) => Track(request.RequestId, session, ct => ExecAsync(request, ct));

    public void Cancel(string requestId)
    {
        if (_running.TryGetValue(requestId, out var cts))
        {
            cts.Cancel();
        }
    }

    /// <summary>Waits for every request task (they end when the session token is cancelled).</summary>
    public Task DrainAsync() => Task.WhenAll(_tasks.Keys);

    private void Track(string requestId, CancellationToken session, Func<CancellationToken, Task> work)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(session);
        _running[requestId] = cts;
        var task = Task.Run(async () =>
        {
            try
            {
                await work(cts.Token);
            }
            catch (Exception e) when (session.IsCancellationRequested || e is ChannelClosedException)
            {
                // The link dropped or the agent is stopping; the master has forgotten the request too.
            }
            catch (Exception e)
            {
                LogRequestFailed(requestId, e);
            }
            finally
            {
                _running.TryRemove(requestId, out _);
                cts.Dispose();
            }
        }, CancellationToken.None);
        _tasks[task] = true;
        task.ContinueWith(t => _tasks.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task LogsAsync(LogRequest request, CancellationToken session, CancellationToken ct)
    {
        var container = await ResolveAsync(request.Container, ct);
        if (container is null)
        {
            await send(LogEnd(request.RequestId, NotFound(request.Container)), ct);
            return;
        }
        try
        {
            await foreach (var chunk in driver.LogsAsync(container.Id, request.Tail, request.Follow, request.Timestamps, ct))
            {
                await send(new AgentMessage { LogChunk = new LogChunk { RequestId = request.RequestId, Data = ByteString.CopyFrom(chunk.Span) } }, ct);
            }
        }
        catch (OperationCanceledException) when (!session.IsCancellationRequested)
        {
            // Cancelled by the master: end the stream below like a finished log.
        }
        await send(LogEnd(request.RequestId, ""), session);
    }

    private async Task ExecAsync(ExecRequest request, CancellationToken ct)
    {
        var container = await ResolveAsync(request.Container, ct);
        if (container is null)
        {
            await send(new AgentMessage { ExecResult = new ExecResult { RequestId = request.RequestId, ExitCode = -1, Error = NotFound(request.Container) } }, ct);
            return;
        }
        var timeout = request.TimeoutSeconds > 0 ? TimeSpan.FromSeconds(request.TimeoutSeconds) : s_defaultExecTimeout;
        var outcome = await driver.ExecAsync(container.Id, [.. request.Command], timeout, ct);
        await send(new AgentMessage { ExecResult = ProtocolMapping.ToResult(request.RequestId, outcome) }, ct);
    }

    private async Task<ActualContainerView?> ResolveAsync(string nameOrId, CancellationToken ct)
    {
        if (nameOrId.Length == 0)
        {
            return null;
        }
        var own = await driver.ListAsync(grid, node, ct);
        return own.FirstOrDefault(c => c.Name == nameOrId)
            ?? own.FirstOrDefault(c => c.Id.StartsWith(nameOrId, StringComparison.Ordinal));
    }

    private string NotFound(string container) => $"container '{container}' not found on node {node} in grid {grid}";

    private static AgentMessage LogEnd(string requestId, string error) =>
        new() { LogChunk = new LogChunk { RequestId = requestId, Done = true, Error = error } };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} from the master failed")]
    private partial void LogRequestFailed(string requestId, Exception exception);
}
