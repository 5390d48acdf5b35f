using Grpc.Core;
using Satama.Protocol;

namespace Satama.Agent.Tests.MasterLink;

/// <summary>The master's side of the agent link, reduced to what the tests steer through <see cref="TestMaster"/>.</summary>
internal sealed class TestAgentLinkService(TestMaster master) : AgentLink.AgentLinkBase
{
    public override async Task Connect(IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<MasterMessage> responseStream, ServerCallContext context)
    {
        var session = new TestMasterSession(responseStream, context.CancellationToken);
        try
        {
            if (!await requestStream.MoveNext(session.Token))
            {
                return;
            }
            session.Hello = requestStream.Current.Hello;
            session.Receive(requestStream.Current);
            master.Register(session);
            if (master.RejectReason is { } reason)
            {
                await session.SendAsync(new MasterMessage { Rejected = new Rejected { Reason = reason } });
                return;
            }
            await session.SendAsync(new MasterMessage
            {
                Welcome = new Welcome
                {
                    NodeId = "node-id-" + session.Hello.Node.Name,
                    Grid = master.Grid,
                    HeartbeatIntervalMs = master.HeartbeatIntervalMs,
                    HeartbeatTimeoutMs = master.HeartbeatTimeoutMs,
                    NodeCredential = session.Hello.NodeCredential.Length == 0 ? master.IssueCredential ?? "" : "",
                },
            });
            if (master.Desired is { } desired && !master.Silent)
            {
                await session.SendAsync(new MasterMessage { Desired = desired });
            }
            while (await requestStream.MoveNext(session.Token))
            {
                var message = requestStream.Current;
                session.Receive(message);
                if (message.BodyCase == AgentMessage.BodyOneofCase.Heartbeat && !master.Silent)
                {
                    await session.SendAsync(new MasterMessage { HeartbeatAck = new HeartbeatAck { Seq = message.Heartbeat.Seq } });
                }
            }
            session.ClosedByAgent = true;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or RpcException)
        {
            // Dropped by the test or by the agent.
        }
        finally
        {
            session.Ended.TrySetResult();
        }
    }
}
