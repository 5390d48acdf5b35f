using System.Globalization;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.E2E.Fixtures;
using Satama.Testing;
using Satama.Testing.Platform;
using Satama.Testing.Processes;
using Xunit.Abstractions;

namespace Satama.E2E.Lb;

/// <summary>
/// Issue 6 on the real engine: a 4-instance web service behind the agent's load balancer (on loopback ports), under a
/// bounded client load while an instance is killed, while the service is scaled, and (once rolling deploys are on
/// main) during a rolling deploy.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class LbEngineTests(MasterProcess master, ITestOutputHelper output)
{
    private const int Workers = 20;
    private const int DeployWorkers = 50;
    private static readonly TimeSpan s_load = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    // sh stays PID 1 and stops at once on SIGTERM (busybox httpd alone ignores it and would wait the whole grace period).
    private static string Stack(string version, int instances) => $$"""
        name: shop
        services:
          web:
            image: {{TestImages.Busybox}}
            instances: {{instances}}
            environment:
              VERSION: "{{version}}"
            command: ["sh", "-c", "echo $$VERSION > /www/index.html; httpd -f -p 8080 -h /www & trap 'kill $$!; exit 0' TERM; wait"]
            health_check:
              protocol: http
              port: 8080
              uri: /index.html
              interval: 1
              timeout: 2
            lb:
              port: 8080
        """;

    private sealed record Setup(GridAgent Agent, int HttpPort, int MetricsPort, SatamaClient Client)
    {
        public Uri Url => new($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}/index.html");
    }

    private async Task<Setup> StartAsync(int instances)
    {
        var http = FreePort.Next();
        var metrics = FreePort.Next();
        var agent = await GridAgent.StartAsync(master, "--label", "ingress=true", "--lb-address", "127.0.0.1",
            "--lb-http-port", http.ToString(CultureInfo.InvariantCulture), "--lb-https-port", "0",
            "--lb-metrics-port", metrics.ToString(CultureInfo.InvariantCulture), "--lb-access-log", "false");
        var setup = new Setup(agent, http, metrics, master.Client);
        try
        {
            await master.Client.InstallStackAsync(agent.Grid, new StackFileRequest("shop.yml", Stack("v1", instances)));
            await UntilBackendsAsync(setup, instances);
            return setup;
        }
        catch
        {
            // The test's own `await using` never sees an agent whose setup failed: clean up its containers here.
            await agent.DisposeAsync();
            throw;
        }
    }

    private static Task<LbRoutesDto> UntilBackendsAsync(Setup setup, int count) =>
        Eventually.ValueAsync(
            () => setup.Client.GetLbRoutesAsync(setup.Agent.Grid),
            r => r.Nodes.Count == 1 && r.Nodes[0].Reported && r.Nodes[0].Routes.Count == 1 && r.Nodes[0].Routes[0].Backends.Count == count,
            $"{count} backends in the load balancer's live routes",
            s_timeout,
            r => string.Join("; ", r.Nodes.Select(n => $"{n.Node} reported={n.Reported}: " + string.Join(", ", n.Routes.Select(x => $"{x.Id}[{string.Join(" ", x.Backends.Select(b => b.Container))}]")))));

    [Fact]
    public async Task Killing_an_instance_under_load_fails_few_requests_and_the_route_heals()
    {
        var setup = await StartAsync(4);
        await using var agent = setup.Agent;
        var load = new LbLoad();

        var running = load.RunAsync(setup.Url, Workers, s_load);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var victim = (await agent.DockerContainersAsync()).Keys.Order(StringComparer.Ordinal).First();
        (await Shell.DockerAsync("kill", victim)).EnsureSuccess("docker kill");
        await running;

        output.WriteLine($"instance kill under load ({Workers} workers, {s_load.TotalSeconds} s): {load.Describe()}");
        Assert.True(load.Ok > 100, load.Describe());
        Assert.True(load.Failed <= Workers, load.Describe());
        Assert.Equal(["v1"], load.Bodies.Keys);
        await UntilBackendsAsync(setup, 4);
        var routes = await RunCliAsync(setup, "lb", "routes");
        Assert.Contains("shop/web", routes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scaling_under_load_fails_few_requests_and_the_routes_follow()
    {
        var setup = await StartAsync(4);
        await using var agent = setup.Agent;
        var load = new LbLoad();

        var running = load.RunAsync(setup.Url, Workers, s_load);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await setup.Client.ScaleServiceAsync(agent.Grid, "shop", "web", 6);
        await UntilBackendsAsync(setup, 6);
        await setup.Client.ScaleServiceAsync(agent.Grid, "shop", "web", 2);
        await UntilBackendsAsync(setup, 2);
        await running;

        output.WriteLine($"scale 4 -> 6 -> 2 under load ({Workers} workers, {s_load.TotalSeconds} s): {load.Describe()}");
        Assert.True(load.Ok > 100, load.Describe());
        Assert.True(load.Failed <= Workers, load.Describe());
        using var metrics = new HttpClient();
        var text = await metrics.GetStringAsync(new Uri($"http://127.0.0.1:{setup.MetricsPort.ToString(CultureInfo.InvariantCulture)}/metrics"));
        Assert.Contains("satama_lb_requests_total{route=\"shop/web\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rolling_deploy_under_load_fails_no_request_and_ends_on_the_new_version()
    {
        var setup = await StartAsync(4);
        await using var agent = setup.Agent;
        var load = new LbLoad();

        // The issue's proof: 50 concurrent clients for 30 s across the whole rollout.
        var running = load.RunAsync(setup.Url, DeployWorkers, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await setup.Client.UpgradeStackAsync(agent.Grid, "shop", new StackFileRequest("shop.yml", Stack("v2", 4)));
        await Eventually.ValueAsync(() => setup.Client.GetServiceAsync(agent.Grid, "shop", "web"),
            s => s.InstanceList.Count == 4 && s.InstanceList.All(i => i.Revision == 2 && i.Health == "healthy"), "every instance on revision 2", s_timeout);
        await running;

        output.WriteLine($"rolling deploy under load ({DeployWorkers} workers, 30 s): {load.Describe()}");
        if (load.Failed > 0)
        {
            output.WriteLine(agent.Output);
        }
        Assert.Equal(0, load.Failed);
        Assert.Contains("v2", load.Bodies.Keys);
        using var http = new HttpClient();
        Assert.Equal("v2", (await http.GetStringAsync(setup.Url)).Trim());
    }

    private async Task<string> RunCliAsync(Setup setup, params string[] args)
    {
        using var home = new TempDirectory("satama-e2e-lb-cli-");
        var env = new Dictionary<string, string> { ["SATAMA_CONFIG"] = Path.Combine(home.Path, "config.yaml"), ["HOME"] = home.Path };
        (await Shell.RunAsync("dotnet", [SatamaBinary.DllPath, "login", master.Url.ToString(), "--token", master.AdminToken, "--ca-fingerprint", master.CaFingerprint], env: env))
            .EnsureSuccess("satama login");
        var result = await Shell.RunAsync("dotnet", [SatamaBinary.DllPath, .. args, "--grid", setup.Agent.Grid], env: env);
        result.EnsureSuccess(string.Join(" ", args));
        output.WriteLine(result.Stdout);
        return result.Stdout;
    }
}
