using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Satama.Master.Auth;
using Satama.Master.Controllers;
using Satama.Master.Lb;
using Satama.Master.Overlay;
using Satama.Master.Store;
using Satama.Protocol;

namespace Satama.Master.AgentLink;

/// <summary>
/// The gRPC endpoint agents dial. Per stream: Hello → Welcome/Rejected, then the node's
/// desired set on connect and on every store change, heartbeat acks, reports into the
/// store, and log/exec answers to whoever asked. A stream silent past the heartbeat
/// timeout is dropped (half-open links do not keep a node "online").
/// </summary>
internal sealed class AgentLinkService(
    IStore store,
    ConnectionRegistry registry,
    NodeMonitor monitor,
    DesiredSetBuilder builder,
    NodeCredentials credentials,
    LbLiveStatus lbStatus,
    OverlayDirectory overlay,
    MasterOptions options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<AgentLinkService> logger) : Protocol.AgentLink.AgentLinkBase
{
    public override async Task Connect(IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<MasterMessage> responseStream, ServerCallContext context)
    {
        // Links end when the master stops; otherwise Kestrel would wait out its shutdown timeout for them.
        using var link = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var hello = await ReadHelloAsync(requestStream, link.Token);
        if (hello is null)
        {
            return;
        }
        var admission = await credentials.AdmitAsync(hello, registry.IsOnline, link.Token);
        if (admission.Grid is not { } grid)
        {
            logger.LogInformation("Rejected agent {Node} from {Peer}: {Reason}", hello.Node?.Name, context.Peer, admission.Reason);
            await responseStream.WriteAsync(new MasterMessage { Rejected = new Rejected { Reason = admission.Reason, CredentialRevoked = admission.Revoked } }, link.Token);
            return;
        }

        var name = hello.Node.Name;
        // Registered before the node is marked online: an old link of the same node that ends
        // meanwhile then finds itself replaced and does not mark the node offline after us.
        var connection = new NodeConnection(grid, name, link, time.GetUtcNow());
        var replaced = registry.Register(connection);
        if (replaced is not null)
        {
            logger.LogInformation("A new link of node {Node} of grid {Grid} replaces the old one", name, grid);
            replaced.Close("replaced by a newer link");
        }
        NodeDocument node;
        try
        {
            node = await monitor.ConnectedAsync(grid, hello.Node, link.Token);
            await overlay.RegisterAsync(grid, hello.Node, context.Peer, link.Token);
        }
        catch
        {
            registry.Remove(connection);
            throw;
        }
        var welcome = new Welcome
        {
            NodeId = node.Id,
            Grid = grid,
            HeartbeatIntervalMs = (int)options.HeartbeatInterval.TotalMilliseconds,
            HeartbeatTimeoutMs = (int)options.HeartbeatTimeout.TotalMilliseconds,
        };
        if (admission.Issue)
        {
            // Joined with the grid token: from now on the node presents its own credential.
            welcome.NodeCredential = await credentials.IssueAsync(grid, name, context.Peer, link.Token);
        }
        connection.Send(new MasterMessage { Welcome = welcome });

        var reason = "the agent closed the link";
        var writer = WriteAsync(connection, responseStream, link.Token);
        var pusher = PushDesiredAsync(connection, hello.AppliedVersion, link.Token);
        var watchdog = WatchAsync(connection, link.Token);
        var overlayPusher = overlay.PushAsync(connection, link.Token);
        try
        {
            await ReadAsync(requestStream, connection, link.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or RpcException)
        {
            reason = "the link broke";
        }
        finally
        {
            reason = connection.CloseReason ?? (lifetime.ApplicationStopping.IsCancellationRequested ? "the master is stopping" : reason);
            await link.CancelAsync();
            connection.FailPending($"node {name} disconnected");
            await Quietly(writer);
            await Quietly(pusher);
            await Quietly(watchdog);
            await Quietly(overlayPusher);
            if (registry.Remove(connection))
            {
                await monitor.DisconnectedAsync(grid, name, connection.LastSeen, reason, CancellationToken.None);
            }
        }
    }

    private async Task<Hello?> ReadHelloAsync(IAsyncStreamReader<AgentMessage> requests, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.HeartbeatTimeout);
        try
        {
            if (await requests.MoveNext(deadline.Token) && requests.Current.BodyCase == AgentMessage.BodyOneofCase.Hello)
            {
                return requests.Current.Hello;
            }
            logger.LogInformation("Dropped an agent link whose first message was not Hello");
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or RpcException)
        {
            logger.LogInformation("Dropped an agent link that sent no Hello in time");
        }
        return null;
    }

    private async Task ReadAsync(IAsyncStreamReader<AgentMessage> requests, NodeConnection connection, CancellationToken ct)
    {
        while (await requests.MoveNext(ct))
        {
            var now = time.GetUtcNow();
            connection.Touch(now);
            var message = requests.Current;
            switch (message.BodyCase)
            {
                case AgentMessage.BodyOneofCase.Heartbeat:
                    connection.Send(new MasterMessage { HeartbeatAck = new HeartbeatAck { Seq = message.Heartbeat.Seq, MasterUnixMs = now.ToUnixTimeMilliseconds() } });
                    break;
                case AgentMessage.BodyOneofCase.Report:
                    lbStatus.Record(connection.Grid, connection.Node, message.Report);
                    await monitor.ReportedAsync(connection.Grid, connection.Node, message.Report, ct);
                    break;
                case AgentMessage.BodyOneofCase.LogChunk:
                    connection.Deliver(message.LogChunk);
                    break;
                case AgentMessage.BodyOneofCase.ExecResult:
                    connection.Deliver(message.ExecResult);
                    break;
                case AgentMessage.BodyOneofCase.DoctorFacts:
                    connection.Deliver(message.DoctorFacts, now);
                    break;
                default:
                    logger.LogDebug("Ignored a {Message} message from node {Node}", message.BodyCase, connection.Node);
                    break;
            }
        }
    }

    private static async Task WriteAsync(NodeConnection connection, IServerStreamWriter<MasterMessage> responses, CancellationToken ct)
    {
        await foreach (var message in connection.Outbound.ReadAllAsync(ct))
        {
            await responses.WriteAsync(message, ct);
        }
    }

    // Level-triggered: on every store change rebuild the node's full set and send it only
    // when it differs. Versions use the store sequence (so they grow across master restarts)
    // and stay above what the agent says it applied.
    private async Task PushDesiredAsync(NodeConnection connection, ulong appliedVersion, CancellationToken ct)
    {
        var lastVersion = appliedVersion;
        DesiredSet? last = null;
        while (!ct.IsCancellationRequested)
        {
            var seen = store.Changes.Sequence;
            var set = await builder.BuildAsync(connection.Grid, connection.Node, ct);
            if (last is null || !last.Containers.Equals(set.Containers) || !LbDesired.Same(last, set))
            {
                lastVersion = Math.Max((ulong)seen, lastVersion + 1);
                set.Version = lastVersion;
                last = set;
                connection.Send(new MasterMessage { Desired = set });
                logger.LogDebug("Sent desired set {Version} with {Count} containers to node {Node}", set.Version, set.Containers.Count, connection.Node);
            }
            await store.Changes.WaitAsync(seen, ct);
        }
    }

    private async Task WatchAsync(NodeConnection connection, CancellationToken ct)
    {
        var period = TimeSpan.FromMilliseconds(Math.Clamp(options.HeartbeatTimeout.TotalMilliseconds / 4, 50, 1000));
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(period, time, ct);
            if (time.GetUtcNow() - connection.LastSeen > options.HeartbeatTimeout)
            {
                logger.LogInformation("Link of node {Node} of grid {Grid} was silent past the heartbeat timeout; dropping it", connection.Node, connection.Grid);
                connection.Close("no message within the heartbeat timeout");
                return;
            }
        }
    }

    private async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or RpcException or InvalidOperationException)
        {
            logger.LogDebug(e, "Agent link task ended");
        }
    }
}
