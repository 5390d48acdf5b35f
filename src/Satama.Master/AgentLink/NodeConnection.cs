using System.Collections.Concurrent;
using System.Threading.Channels;
using Satama.Protocol;

namespace Satama.Master.AgentLink;

/// <summary>
/// One agent's open stream. Everything sent goes through one queue because a gRPC stream
/// allows one writer at a time; log and exec answers are matched to callers by request_id.
/// </summary>
internal sealed partial class NodeConnection(string grid, string node, CancellationTokenSource link, DateTimeOffset now)
{
    private readonly Channel<MasterMessage> _outbound = Channel.CreateUnbounded<MasterMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ExecResult>> _execs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Channel<LogChunk>> _logs = new(StringComparer.Ordinal);
    private long _lastSeenMs = now.ToUnixTimeMilliseconds();

    public string Grid { get; } = grid;
    public string Node { get; } = node;
    public DateTimeOffset LastSeen => DateTimeOffset.FromUnixTimeMilliseconds(Interlocked.Read(ref _lastSeenMs));

    public ChannelReader<MasterMessage> Outbound => _outbound.Reader;

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastSeenMs, now.ToUnixTimeMilliseconds());

    public void Send(MasterMessage message) => _outbound.Writer.TryWrite(message);

    /// <summary>Why the master ended the link, if it did.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>Ends the stream (replaced by a newer link, or silent past the deadline).</summary>
    public void Close(string reason)
    {
        CloseReason ??= reason;
        link.Cancel();
    }

    public async Task<ExecResult> ExecAsync(string container, IReadOnlyList<string> command, int timeoutSeconds, CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString("n");
        var answer = new TaskCompletionSource<ExecResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _execs[id] = answer;
        try
        {
            var request = new ExecRequest { RequestId = id, Container = container, TimeoutSeconds = timeoutSeconds };
            request.Command.AddRange(command);
            Send(new MasterMessage { ExecRequest = request });
            // The agent enforces the command's timeout; ours only covers a lost answer.
            return await answer.Task.WaitAsync(TimeSpan.FromSeconds(timeoutSeconds + 15), ct);
        }
        finally
        {
            _execs.TryRemove(id, out _);
        }
    }

    /// <summary>Streams log chunks until the agent says done; cancelling stops a following request on the agent too.</summary>
    public async IAsyncEnumerable<LogChunk> LogsAsync(string container, int tail, bool follow,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString("n");
        var chunks = Channel.CreateUnbounded<LogChunk>(new UnboundedChannelOptions { SingleReader = true });
        _logs[id] = chunks;
        try
        {
            Send(new MasterMessage { LogRequest = new LogRequest { RequestId = id, Container = container, Tail = tail, Follow = follow } });
            await foreach (var chunk in chunks.Reader.ReadAllAsync(ct))
            {
                yield return chunk;
                if (chunk.Done)
                {
                    yield break;
                }
            }
        }
        finally
        {
            if (_logs.TryRemove(id, out _) && follow)
            {
                Send(new MasterMessage { Cancel = new CancelRequest { RequestId = id } });
            }
        }
    }

    public void Deliver(ExecResult result)
    {
        if (_execs.TryGetValue(result.RequestId, out var answer))
        {
            answer.TrySetResult(result);
        }
    }

    public void Deliver(LogChunk chunk)
    {
        if (_logs.TryGetValue(chunk.RequestId, out var chunks))
        {
            chunks.Writer.TryWrite(chunk);
        }
    }

    /// <summary>The link is gone: every waiting caller gets an answer now instead of a timeout.</summary>
    public void FailPending(string reason)
    {
        _outbound.Writer.TryComplete();
        FailDoctors(reason);
        foreach (var exec in _execs.Values)
        {
            exec.TrySetResult(new ExecResult { ExitCode = -1, Error = reason });
        }
        foreach (var logs in _logs.Values)
        {
            logs.Writer.TryWrite(new LogChunk { Done = true, Error = reason });
        }
    }
}
