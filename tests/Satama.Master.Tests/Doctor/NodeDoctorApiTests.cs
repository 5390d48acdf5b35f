using System.Net;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master.Store;
using Satama.Master.Tests.Infrastructure;
using Satama.Protocol;
using Satama.Testing;
using Body = Satama.Protocol.MasterMessage.BodyOneofCase;

namespace Satama.Master.Tests.Doctor;

/// <summary>The node preflight through the master: diagnosed at registration, stored with the node, run again on demand.</summary>
public sealed class NodeDoctorApiTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private TestMaster Master => fixture.Master;

    // A node as a production host should look.
    private static void Good(NodeInfo info)
    {
        info.DockerVersion = "27.3.1";
        info.Kernel = "6.1.0-27-amd64";
        info.StorageDriver = "overlay2";
        info.LogDriver = "json-file";
        info.LogOptionsKnown = true;
        info.LogOptions["max-size"] = "10m";
        info.CgroupVersion = "2";
        info.DockerRootDir = "/var/lib/docker";
        info.DiskFreeBytes = 80L << 30;
        info.DiskTotalBytes = 100L << 30;
        info.ClockUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    }

    // Unfit: vfs, logs that never rotate, a clock ten minutes ahead, a nearly full disk, cgroup v1.
    private static void Bad(NodeInfo info)
    {
        Good(info);
        info.StorageDriver = "vfs";
        info.LogOptions.Clear();
        info.CgroupVersion = "1";
        info.DiskFreeBytes = 1L << 30;
        info.ClockUnixMs = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeMilliseconds();
    }

    private static async Task<DoctorReportDto> RegisteredAsync(SatamaClient client, string grid, string node) =>
        (await Eventually.ValueAsync(() => client.GetNodeAsync(grid, node), n => n.Doctor is not null, "preflight findings stored")).Doctor!;

    private static string Level(DoctorReportDto report, string check) => report.Findings.Single(f => f.Check == check).Level;

    [Fact]
    public async Task Registration_diagnoses_the_node_and_node_show_has_the_findings()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", info: Bad);

        var report = await RegisteredAsync(Master.Client, grid.Name, "node-1");

        Assert.Equal("error", report.Level);
        Assert.Equal("registration", report.Source);
        Assert.Equal(["storage-driver", "docker-version", "kernel", "log-rotation", "clock-skew", "disk-space", "cgroup"], report.Findings.Select(f => f.Check));
        Assert.Equal("error", Level(report, "storage-driver"));
        Assert.Equal("warn", Level(report, "log-rotation"));
        Assert.Equal("error", Level(report, "clock-skew"));
        Assert.Contains("ahead of the master", report.Findings.Single(f => f.Check == "clock-skew").Message, StringComparison.Ordinal);
        Assert.Equal("error", Level(report, "disk-space"));
        Assert.Equal("warn", Level(report, "cgroup"));
        Assert.All(report.Findings.Where(f => f.Level != "ok"), f => Assert.False(string.IsNullOrEmpty(f.Fix)));
        var stored = await Master.Client.GetNodeDoctorAsync(grid.Name, "node-1");
        Assert.Equal(report.Findings, stored.Findings);
    }

    [Fact]
    public async Task A_good_node_is_ok_on_every_check()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", info: Good);

        var report = await RegisteredAsync(Master.Client, grid.Name, "node-1");

        Assert.Equal("ok", report.Level);
        Assert.All(report.Findings, f => Assert.Null(f.Fix));
    }

    [Fact]
    public async Task An_agent_that_sends_no_facts_gets_warnings_not_errors()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1");

        var report = await RegisteredAsync(Master.Client, grid.Name, "node-1");

        Assert.Equal("warn", report.Level);
        Assert.Contains("not measured", report.Findings.Single(f => f.Check == "clock-skew").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_asks_the_agent_for_fresh_facts_and_stores_what_it_finds()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", info: Bad);
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await RegisteredAsync(Master.Client, grid.Name, "node-1");

        var run = Master.Client.RunNodeDoctorAsync(grid.Name, "node-1");
        var request = (await agent.NextAsync(Body.DoctorRequest)).DoctorRequest;
        var fixedNode = new NodeInfo { Name = "node-1" };
        Good(fixedNode);
        await agent.SendAsync(new AgentMessage { DoctorFacts = new DoctorFacts { RequestId = request.RequestId, Node = fixedNode } });
        var report = await run;

        Assert.Equal("ok", report.Level);
        Assert.Equal("doctor", report.Source);
        Assert.Equal("ok", Level(report, "clock-skew"));
        var shown = await Master.Client.GetNodeAsync(grid.Name, "node-1");
        Assert.Equal("doctor", shown.Doctor!.Source);
        Assert.Equal("ok", shown.Doctor.Level);
    }

    [Fact]
    public async Task An_agent_that_cannot_reach_its_engine_makes_doctor_unavailable_and_keeps_the_last_findings()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", info: Bad);
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await RegisteredAsync(Master.Client, grid.Name, "node-1");

        var run = Master.Client.RunNodeDoctorAsync(grid.Name, "node-1");
        var request = (await agent.NextAsync(Body.DoctorRequest)).DoctorRequest;
        await agent.SendAsync(new AgentMessage { DoctorFacts = new DoctorFacts { RequestId = request.RequestId, Error = "the Docker Engine did not answer" } });
        var e = await Assert.ThrowsAsync<SatamaApiException>(() => run);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.Status);
        Assert.Contains("did not answer", e.Detail, StringComparison.Ordinal);
        Assert.Equal("registration", (await Master.Client.GetNodeDoctorAsync(grid.Name, "node-1")).Source);
    }

    [Fact]
    public async Task A_link_that_drops_while_the_doctor_waits_answers_at_once()
    {
        var grid = await Master.NewGridAsync();
        var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", info: Good);
        await RegisteredAsync(Master.Client, grid.Name, "node-1");

        var run = Master.Client.RunNodeDoctorAsync(grid.Name, "node-1");
        await agent.NextAsync(Body.DoctorRequest);
        await agent.DisposeAsync();
        var e = await Assert.ThrowsAsync<SatamaApiException>(() => run);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.Status);
        Assert.Contains("disconnected", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_on_an_offline_node_is_a_conflict_and_its_last_findings_stay_readable()
    {
        var grid = await Master.NewGridAsync();
        var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", info: Bad);
        await RegisteredAsync(Master.Client, grid.Name, "node-1");
        await agent.DisposeAsync();
        await Eventually.UntilAsync(async () => !(await Master.Client.GetNodeAsync(grid.Name, "node-1")).Online, "node-1 offline");

        var e = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.RunNodeDoctorAsync(grid.Name, "node-1"));

        Assert.Equal(HttpStatusCode.Conflict, e.Status);
        Assert.Contains("offline", e.Detail, StringComparison.Ordinal);
        Assert.Equal("error", (await Master.Client.GetNodeDoctorAsync(grid.Name, "node-1")).Level);
    }

    [Fact]
    public async Task Unknown_nodes_and_grids_are_404_naming_what_exists()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1");
        await RegisteredAsync(Master.Client, grid.Name, "node-1");

        var get = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.GetNodeDoctorAsync(grid.Name, "nope"));
        var post = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.RunNodeDoctorAsync(grid.Name, "nope"));
        var noGrid = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.GetNodeDoctorAsync("no-such-grid", "node-1"));

        Assert.Equal(HttpStatusCode.NotFound, get.Status);
        Assert.Contains("node-1", get.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, post.Status);
        Assert.Equal(HttpStatusCode.NotFound, noGrid.Status);
    }

    [Fact]
    public void A_node_row_written_before_the_doctor_existed_reads_without_findings()
    {
        const string Old = """{"online":true,"lastSeen":"2026-11-25T09:00:00+00:00","info":null,"containers":[]}""";

        var status = StoreJson.Read<NodeStatusDocument>(Old);

        Assert.Null(status.Doctor);
        Assert.True(status.Online);
    }
}
