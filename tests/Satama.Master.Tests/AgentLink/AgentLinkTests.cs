using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;
using Satama.Protocol;
using Satama.Testing;
using Body = Satama.Protocol.MasterMessage.BodyOneofCase;

namespace Satama.Master.Tests.AgentLink;

public sealed class AgentLinkTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private TestMaster Master => fixture.Master;

    [Fact]
    public async Task An_agent_with_the_grid_token_is_welcomed_and_its_node_comes_online()
    {
        var grid = await Master.NewGridAsync();

        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", labels: new Dictionary<string, string> { ["az"] = "a" });
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        var welcome = (await agent.NextAsync(Body.Welcome)).Welcome;

        Assert.Equal(grid.Name, welcome.Grid);
        Assert.False(string.IsNullOrEmpty(welcome.NodeId));
        Assert.Equal(5000, welcome.HeartbeatTimeoutMs);
        var node = await Master.Client.GetNodeAsync(grid.Name, "node-1");
        Assert.True(node.Online);
        Assert.Equal(welcome.NodeId, node.Id);
        Assert.Equal("a", node.Labels["az"]);
        Assert.Equal("20.10.0", node.Info.DockerVersion);
        Assert.Equal(["node-1"], (await Master.Client.GetGridAsync(grid.Name)).Nodes);
    }

    [Fact]
    public async Task A_wrong_grid_token_is_rejected_and_the_stream_ends()
    {
        var grid = await Master.NewGridAsync();

        await using var agent = await TestAgent.ConnectAsync(Master.Server, "wrong-token", "node-1");
        var rejected = (await agent.NextAsync(Body.Rejected)).Rejected;
        await agent.Ended.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("invalid grid token", rejected.Reason);
        Assert.Empty(await Master.Client.ListNodesAsync(grid.Name));
    }

    [Fact]
    public async Task An_invalid_node_name_is_rejected()
    {
        var grid = await Master.NewGridAsync();

        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "Not_A_Name");

        Assert.Contains("node name", (await agent.NextAsync(Body.Rejected)).Rejected.Reason);
    }

    [Fact]
    public async Task Heartbeats_are_acknowledged()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1");

        await agent.SendAsync(new AgentMessage { Heartbeat = new Heartbeat { Seq = 41 } });

        Assert.Equal(41ul, (await agent.NextAsync(m => m.HeartbeatAck?.Seq == 41, "ack of 41")).HeartbeatAck.Seq);
    }

    [Fact]
    public async Task The_agent_receives_the_desired_set_of_its_node_with_every_instance()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", appliedVersion: 0);
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await agent.NextAsync(Body.Welcome);

        var service = await Master.Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx:1.27", 2,
            new Dictionary<string, string> { ["MODE"] = "prod" }, [new PortDto(8080, 80)], Restart: "on-failure"));
        var set = (await agent.NextAsync(m => m.Desired?.Containers.Count == 1, "a set with web-1")).Desired;

        var container = Assert.Single(set.Containers);
        Assert.Equal($"{grid.Name}.null.web-1.r1", container.Name);
        Assert.Equal("nginx:1.27", container.Image);
        Assert.Equal("prod", container.Env["MODE"]);
        Assert.Equal(8080, Assert.Single(container.Ports).HostPort);
        Assert.Equal("on-failure", container.RestartPolicy);
        Assert.Equal(64, container.SpecHash.Length);
        Assert.Equal(["web-2: 1 node has host port 8080/tcp taken"], (await Master.Client.GetServiceAsync(grid.Name, "null", "web")).Problems);
        Assert.Equal("assigned", (await Master.Client.GetServiceAsync(grid.Name, "null", "web")).InstanceList[0].State);
        Assert.Equal("pending", service.InstanceList[1].State);
    }

    [Fact]
    public async Task Scaling_and_restarting_send_new_sets_with_growing_versions()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1");
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await Master.Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx"));
        var first = (await agent.NextAsync(m => m.Desired?.Containers.Count == 1, "one container")).Desired;

        await Master.Client.ScaleServiceAsync(grid.Name, "null", "web", 3);
        var scaled = (await agent.NextAsync(m => m.Desired?.Containers.Count == 3, "three containers")).Desired;
        await Master.Client.RestartServiceAsync(grid.Name, "null", "web");
        // The rollout starts revision 2 beside revision 1 (this agent never reports them healthy, so it goes no further).
        var restarted = (await agent.NextAsync(m => m.Desired?.Containers.Any(c => c.Revision == 2) == true, "revision 2")).Desired;

        Assert.True(scaled.Version > first.Version);
        Assert.True(restarted.Version > scaled.Version);
        Assert.Equal(first.Containers[0].SpecHash, scaled.Containers[0].SpecHash);
        Assert.NotEqual(scaled.Containers[0].SpecHash, restarted.Containers.First(c => c.Revision == 2).SpecHash);
    }

    [Fact]
    public async Task The_first_set_is_above_the_version_the_agent_already_applied()
    {
        var grid = await Master.NewGridAsync();

        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", appliedVersion: 1_000_000);

        Assert.True((await agent.NextAsync(Body.Desired)).Desired.Version > 1_000_000);
    }

    [Fact]
    public async Task Reported_containers_show_in_the_service_and_the_container_list()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1");
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await Master.Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", 2));
        await agent.NextAsync(m => m.Desired?.Containers.Count == 2, "two containers");

        await agent.SendAsync(Report(grid.Name, ("web", 1, "running", "c0ffee01"), ("web", 2, "exited", "c0ffee02")));

        var service = await Eventually.ValueAsync(() => Master.Client.GetServiceAsync(grid.Name, "null", "web"), s => s.Running == 1,
            "web-1 running", describe: s => string.Join(",", s.InstanceList.Select(i => i.State)));
        Assert.Equal(["running", "exited"], service.InstanceList.Select(i => i.State));
        Assert.Equal("node-1", service.InstanceList[0].Node);
        Assert.Equal("c0ffee01", service.InstanceList[0].ContainerId);
        Assert.Equal(3, service.InstanceList[1].ExitCode);
        var containers = await Master.Client.ListContainersAsync(grid.Name);
        Assert.Equal([$"{grid.Name}.null.web-1", $"{grid.Name}.null.web-2"], containers.Select(c => c.Name));
        Assert.All(containers, c => Assert.Equal("node-1", c.Node));
        Assert.Equal(2, (await Master.Client.GetNodeAsync(grid.Name, "node-1")).Containers);
    }

    [Fact]
    public async Task Exec_is_routed_to_the_node_holding_the_container()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1");
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await agent.SendAsync(Report(grid.Name, ("web", 1, "running", "abc123")));
        await Eventually.UntilAsync(async () => (await Master.Client.ListContainersAsync(grid.Name)).Count == 1, "the report stored");

        var exec = Master.Client.ExecAsync(grid.Name, "abc1", new Satama.Client.Dtos.ExecRequest(["echo", "hi"]));
        var request = (await agent.NextAsync(Body.ExecRequest)).ExecRequest;
        await agent.SendAsync(new AgentMessage { ExecResult = new ExecResult { RequestId = request.RequestId, ExitCode = 7, Stdout = Google.Protobuf.ByteString.CopyFromUtf8("hi\n") } });
        var result = await exec;

        Assert.Equal($"{grid.Name}.null.web-1", request.Container);
        Assert.Equal(["echo", "hi"], request.Command);
        Assert.Equal(7, result.ExitCode);
        Assert.Equal("hi\n", result.Stdout);
    }

    [Fact]
    public async Task Service_logs_come_from_the_agent_prefixed_by_instance()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1");
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await Master.Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", 1));
        await agent.NextAsync(m => m.Desired?.Containers.Count == 1, "web-1 placed on node-1");

        var reading = Task.Run(async () =>
        {
            var lines = new List<string>();
            await foreach (var line in Master.Client.ServiceLogsAsync(grid.Name, "null", "web", 10, follow: false))
            {
                lines.Add(line);
            }
            return lines;
        });
        var request = (await agent.NextAsync(Body.LogRequest)).LogRequest;
        await agent.SendAsync(new AgentMessage { LogChunk = new LogChunk { RequestId = request.RequestId, Data = Google.Protobuf.ByteString.CopyFromUtf8("one\ntw") } });
        await agent.SendAsync(new AgentMessage { LogChunk = new LogChunk { RequestId = request.RequestId, Data = Google.Protobuf.ByteString.CopyFromUtf8("o\n"), Done = true } });

        Assert.Equal(["web-1 | one", "web-1 | two"], await reading.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(10, request.Tail);
    }

    [Fact]
    public async Task Following_container_logs_streams_until_the_client_stops_and_then_cancels_on_the_agent()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1");
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await agent.SendAsync(Report(grid.Name, ("web", 1, "running", "abc123")));
        await Eventually.UntilAsync(async () => (await Master.Client.ListContainersAsync(grid.Name)).Count == 1, "the report stored");
        using var stop = new CancellationTokenSource();

        var lines = Master.Client.ContainerLogsAsync(grid.Name, $"{grid.Name}.null.web-1", null, follow: true, stop.Token).GetAsyncEnumerator(stop.Token);
        var first = lines.MoveNextAsync().AsTask();
        var request = (await agent.NextAsync(Body.LogRequest)).LogRequest;
        await agent.SendAsync(new AgentMessage { LogChunk = new LogChunk { RequestId = request.RequestId, Data = Google.Protobuf.ByteString.CopyFromUtf8("started\n") } });
        Assert.True(await first.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("started", lines.Current);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await lines.MoveNextAsync());

        var cancel = (await agent.NextAsync(Body.Cancel)).Cancel;
        Assert.True(request.Follow);
        Assert.Equal(request.RequestId, cancel.RequestId);
        await lines.DisposeAsync();
    }

    [Fact]
    public async Task A_new_link_with_the_same_node_name_replaces_the_old_one()
    {
        var grid = await Master.NewGridAsync();
        await using var first = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1");
        first.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await first.NextAsync(Body.Welcome);

        await using var second = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1");
        second.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await second.NextAsync(Body.Welcome);
        await first.Ended.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True((await Master.Client.GetNodeAsync(grid.Name, "node-1")).Online);
        Assert.Single(await Master.Client.ListNodesAsync(grid.Name));
    }

    [Fact]
    public async Task A_node_that_disconnects_goes_offline_and_can_then_be_removed()
    {
        var grid = await Master.NewGridAsync();
        var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1");
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await agent.NextAsync(Body.Welcome);
        var online = await Assert.ThrowsAsync<Satama.Client.SatamaApiException>(() => Master.Client.DeleteNodeAsync(grid.Name, "node-1"));

        await agent.DisposeAsync();

        Assert.Equal(System.Net.HttpStatusCode.Conflict, online.Status);
        await Eventually.UntilAsync(async () => !(await Master.Client.GetNodeAsync(grid.Name, "node-1")).Online, "node-1 offline");
        await Master.Client.DeleteNodeAsync(grid.Name, "node-1");
        Assert.Empty(await Master.Client.ListNodesAsync(grid.Name));
    }

    [Fact]
    public async Task Node_labels_are_merged_and_removed()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", labels: new Dictionary<string, string> { ["az"] = "a", ["old"] = "x" });
        await agent.NextAsync(Body.Welcome);

        var node = await Master.Client.LabelNodeAsync(grid.Name, "node-1", new NodeLabelsRequest(new Dictionary<string, string> { ["ingress"] = "true", ["az"] = "b" }, ["old"]));

        Assert.Equal(new Dictionary<string, string> { ["az"] = "b", ["ingress"] = "true" }, node.Labels);
    }

    [Fact]
    public async Task A_reconnecting_agent_updates_its_own_labels_and_keeps_the_ones_users_set()
    {
        var grid = await Master.NewGridAsync();
        await using (var first = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", labels: new Dictionary<string, string> { ["ingress"] = "true" }))
        {
            await first.NextAsync(Body.Welcome);
            await Master.Client.LabelNodeAsync(grid.Name, "node-1", new NodeLabelsRequest(new Dictionary<string, string> { ["az"] = "a" }));
        }

        await using var second = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", labels: new Dictionary<string, string> { ["ingress"] = "false" });
        await second.NextAsync(Body.Welcome);

        var node = await Master.Client.GetNodeAsync(grid.Name, "node-1");
        Assert.Equal(new Dictionary<string, string> { ["az"] = "a", ["ingress"] = "false" }, node.Labels);
    }

    private static AgentMessage Report(string grid, params (string Service, int Instance, string State, string Id)[] containers)
    {
        var report = new ContainerReport { DesiredVersion = 1 };
        report.Containers.AddRange(containers.Select(c => new ContainerState
        {
            Name = $"{grid}.null.{c.Service}-{c.Instance}",
            ContainerId = c.Id,
            Grid = grid,
            Stack = "null",
            Service = c.Service,
            Instance = c.Instance,
            Revision = 1,
            Image = "nginx:latest",
            State = c.State,
            ExitCode = c.State == "exited" ? 3 : 0,
            StartedUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        }));
        return new AgentMessage { Report = report };
    }
}
