using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using Satama.Protocol;
using Satama.Testing;

namespace Satama.Agent.Tests.MasterLink;

/// <summary>One agent connection as the in-test master sees it: what arrived, and a way to answer or hang up.</summary>
internal sealed class TestMasterSession(IServerStreamWriter<MasterMessage> responses, CancellationToken callAborted) : IDisposable
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Channel<AgentMessage> _received = Channel.CreateUnbounded<AgentMessage>();
    private readonly CancellationTokenSource _drop = CancellationTokenSource.CreateLinkedTokenSource(callAborted);

    public Hello? Hello { get; set; }

    public ConcurrentQueue<AgentMessage> All { get; } = new();

    public CancellationToken Token => _drop.Token;

    public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool AbortedByAgent => callAborted.IsCancellationRequested;

    /// <summary>The agent completed its request stream (an orderly goodbye).</summary>
    public bool ClosedByAgent { get; set; }

    public void Receive(AgentMessage message)
    {
        All.Enqueue(message);
        _received.Writer.TryWrite(message);
    }

    public async Task SendAsync(MasterMessage message)
    {
        await _writeGate.WaitAsync(Token);
        try
        {
            await responses.WriteAsync(message, Token);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Ends the call from the master's side, as a master that drops an agent does.</summary>
    public void Drop() => _drop.Cancel();

    /// <summary>The next message (skipping others) that matches, e.g. the first report with a running container.</summary>
    public async Task<AgentMessage> NextAsync(Func<AgentMessage, bool> match, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        var last = "nothing";
        try
        {
            while (true)
            {
                var message = await _received.Reader.ReadAsync(cts.Token);
                last = message.BodyCase.ToString();
                if (match(message))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {what} from the agent; last message: {last}");
        }
    }

    public void Dispose()
    {
        _drop.Dispose();
        _writeGate.Dispose();
    }
}
