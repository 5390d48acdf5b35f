using Satama.Client.Dtos;
using Satama.E2E.Fixtures;
using Satama.Testing;
using Satama.Testing.Platform;

namespace Satama.E2E.Services;

[Collection(EngineCollection.Name)]
public sealed class LogsAndExecTests(MasterProcess master)
{
    [Fact]
    public async Task Service_logs_carry_every_instance_and_exec_runs_inside_the_container()
    {
        await using var agent = await GridAgent.StartAsync(master);
        var client = master.Client;
        await client.CreateServiceAsync(agent.Grid, new ServiceCreateRequest("web", TestImages.Busybox, 2,
            Command: ["sh", "-c", "echo started $SATAMA_TEST; exec httpd -f -p 8080 -h /www"],
            Env: new Dictionary<string, string> { ["SATAMA_TEST"] = "logs-ok" }));
        await client.UntilRunningAsync(agent.Grid, "web", 2);

        var lines = await Eventually.ValueAsync(
            async () => await client.ServiceLogsAsync(agent.Grid, "null", "web", tail: 10, follow: false).ToListAsync(),
            l => l.Count(x => x.Contains("started logs-ok", StringComparison.Ordinal)) == 2,
            "a start line from each instance",
            describe: l => string.Join(" / ", l));
        Assert.Contains(lines, l => l.StartsWith("web-1 | ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("web-2 | ", StringComparison.Ordinal));

        var containers = await client.ListContainersAsync(agent.Grid);
        var web1 = containers.Single(c => c.Name == $"{agent.Grid}.null.web-1.r1");
        var exec = await client.ExecAsync(agent.Grid, web1.Id, new ExecRequest(["cat", "/www/index.html"]));
        Assert.Equal(0, exec.ExitCode);
        Assert.Equal("hello from satama", exec.Stdout.Trim());

        var failing = await client.ExecAsync(agent.Grid, web1.Name, new ExecRequest(["sh", "-c", "echo oops >&2; exit 7"]));
        Assert.Equal(7, failing.ExitCode);
        Assert.Equal("oops", failing.Stderr.Trim());

        var containerLogs = await client.ContainerLogsAsync(agent.Grid, web1.Id, tail: 5, follow: false).ToListAsync();
        Assert.Contains(containerLogs, l => l.Contains("started logs-ok", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Following_logs_sees_new_lines_and_stops_when_cancelled()
    {
        await using var agent = await GridAgent.StartAsync(master);
        var client = master.Client;
        await client.CreateServiceAsync(agent.Grid, new ServiceCreateRequest("ticker", TestImages.Busybox, 1,
            Command: ["sh", "-c", "i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done"]));
        await client.UntilRunningAsync(agent.Grid, "ticker", 1);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new List<string>();
        await foreach (var line in client.ServiceLogsAsync(agent.Grid, "null", "ticker", tail: 1, follow: true, cts.Token))
        {
            seen.Add(line);
            if (seen.Count >= 5)
            {
                break;
            }
        }

        Assert.Equal(5, seen.Count);
        Assert.All(seen, l => Assert.StartsWith("ticker-1 | tick ", l));
    }
}
