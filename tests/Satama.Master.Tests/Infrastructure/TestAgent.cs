using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using Satama.Client;
using Satama.Protocol;

namespace Satama.Master.Tests.Infrastructure;

/// <summary>
/// A protocol-level stand-in for the agent: speaks AgentLink over TLS with the pinned CA,
/// records what the master sends, and answers heartbeats only while told to.
/// </summary>
public sealed class TestAgent : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly AsyncDuplexStreamingCall<AgentMessage, MasterMessage> _call;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly Channel<MasterMessage> _received = Channel.CreateUnbounded<MasterMessage>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private Task? _heartbeats;

    private TestAgent(GrpcChannel channel, AsyncDuplexStreamingCall<AgentMessage, MasterMessage> call)
    {
        _channel = channel;
        _call = call;
        _reader = ReadAsync();
    }

    /// <summary>Everything the master sent, in order, for tests that look back.</summary>
    public List<MasterMessage> History { get; } = [];

    public static async Task<TestAgent> ConnectAsync(MasterServer master, string gridToken, string node, ulong appliedVersion = 0,
        IDictionary<string, string>? labels = null, Action<NodeInfo>? configure = null)
    {
        var channel = GrpcChannel.ForAddress(master.Url, new GrpcChannelOptions { HttpHandler = PinnedHttpHandler.Create(master.CaFingerprint) });
        var call = new Protocol.AgentLink.AgentLinkClient(channel).Connect();
        var agent = new TestAgent(channel, call);
        var info = new NodeInfo { Name = node, DockerVersion = "20.10.0", Os = "linux", Cpus = 2, MemoryBytes = 1 << 30, Address = "127.0.0.1" };
        if (labels is not null)
        {
            info.Labels.Add(labels);
        }
        configure?.Invoke(info);
        await agent.SendAsync(new AgentMessage { Hello = new Hello { GridToken = gridToken, Node = info, AppliedVersion = appliedVersion } });
        return agent;
    }

    public void StartHeartbeats(TimeSpan interval) => _heartbeats = Task.Run(async () =>
    {
        ulong seq = 0;
        while (!_stop.IsCancellationRequested)
        {
            await SendAsync(new AgentMessage { Heartbeat = new Heartbeat { Seq = ++seq, SentUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() } });
            await Task.Delay(interval, _stop.Token);
        }
    });

    public async Task SendAsync(AgentMessage message)
    {
        await _sendGate.WaitAsync();
        try
        {
            await _call.RequestStream.WriteAsync(message);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>The next message the master sends that matches, skipping others (heartbeat acks, older sets).</summary>
    public async Task<MasterMessage> NextAsync(Func<MasterMessage, bool> match, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            while (true)
            {
                var message = await _received.Reader.ReadAsync(cts.Token);
                if (match(message))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the master sent no {what}; it sent: {string.Join(", ", History.Select(m => m.BodyCase))}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"the stream ended before the master sent {what}; it sent: {string.Join(", ", History.Select(m => m.BodyCase))}");
        }
    }

    public Task<MasterMessage> NextAsync(MasterMessage.BodyOneofCase kind, TimeSpan? timeout = null) =>
        NextAsync(m => m.BodyCase == kind, kind.ToString(), timeout);

    /// <summary>Completes when the master has ended the stream.</summary>
    public Task Ended => _reader;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or RpcException or IOException)
        {
            // Already ended by the master.
        }
        _call.Dispose();
        if (_heartbeats is not null)
        {
            await Task.WhenAny(_heartbeats);
        }
        await Task.WhenAny(_reader);
        _channel.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var message in _call.ResponseStream.ReadAllAsync())
            {
                lock (History)
                {
                    History.Add(message);
                }
                await _received.Writer.WriteAsync(message);
            }
        }
        catch (RpcException)
        {
            // The master dropped the stream or we disposed it; Ended tells the tests.
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }
}
