using System.Net;
using System.Net.Sockets;
using Satama.Client.Dtos;
using Satama.E2E.Fixtures;
using Satama.Testing;
using Satama.Testing.Platform;

namespace Satama.E2E.Services;

/// <summary>A host port already taken on the node is reported, naming the port; nothing else breaks.</summary>
[Collection(EngineCollection.Name)]
public sealed class HostPortTests(MasterProcess master)
{
    [Fact]
    public async Task A_second_service_on_a_taken_host_port_stays_pending_and_says_why()
    {
        await using var agent = await GridAgent.StartAsync(master);
        var client = master.Client;
        var port = FreePort.Next();
        await client.CreateServiceAsync(agent.Grid, new ServiceCreateRequest("first", TestImages.Busybox, 1, Command: TestImages.HttpdCommand, Ports: [new PortDto(port, 8080)]));
        await client.UntilRunningAsync(agent.Grid, "first", 1);

        var second = await client.CreateServiceAsync(agent.Grid, new ServiceCreateRequest("second", TestImages.Busybox, 1, Command: TestImages.HttpdCommand, Ports: [new PortDto(port, 8080)]));

        Assert.Contains(second.Problems, p => p.Contains($"{port}/tcp", StringComparison.Ordinal));
        Assert.All(second.InstanceList, i => Assert.Equal("pending", i.State));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal("hello from satama", (await http.GetStringAsync($"http://127.0.0.1:{port}/index.html")).Trim());

        await client.DeleteServiceAsync(agent.Grid, "null", "first");
        await client.UntilRunningAsync(agent.Grid, "second", 1);
    }

    [Fact]
    public async Task A_host_port_held_by_another_program_is_reported_on_the_instance()
    {
        await using var agent = await GridAgent.StartAsync(master);
        using var squatter = new TcpListener(IPAddress.Any, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        await master.Client.CreateServiceAsync(agent.Grid, new ServiceCreateRequest("web", TestImages.Busybox, 1, Command: TestImages.HttpdCommand, Ports: [new PortDto(port, 8080)]));

        var service = await Eventually.ValueAsync(
            () => master.Client.GetServiceAsync(agent.Grid, "null", "web"),
            s => s.InstanceList.Count == 1 && s.InstanceList[0].Error is { Length: > 0 },
            "the start failure to be reported",
            describe: ServiceWaits.Describe);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), service.InstanceList[0].Error);
    }
}
