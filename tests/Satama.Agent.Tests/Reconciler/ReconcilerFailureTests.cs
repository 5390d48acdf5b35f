using System.Net;
using System.Net.Sockets;
using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Testing;

namespace Satama.Agent.Tests.Reconciler;

public sealed class ReconcilerFailureTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ReconcilerHarness _h = new(output);

    public async Task InitializeAsync() => await TestImages.BusyboxAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_crash_looping_container_keeps_being_restarted_with_a_growing_count()
    {
        _h.Start();
        var crashing = _h.Web(1, restart: RestartPolicy.OnFailure) with { Command = ["sh", "-c", "sleep 0.2; exit 7"] };

        _h.Reconciler.SetDesired(_h.Desired(1, crashing));

        var line = await Eventually.ValueAsync(
            () => Task.FromResult(_h.Reconciler.LastReport?.Containers.SingleOrDefault()),
            l => l is { RestartCount: >= 3 },
            "three restarts",
            describe: l => $"{l?.Actual?.State} exit {l?.Actual?.ExitCode} restarts {l?.RestartCount}");
        if (line!.Actual is { State: ContainerRunState.Exited } exited)
        {
            Assert.Equal(7, exited.ExitCode);
        }
        Assert.Single(await _h.ListAsync());
    }

    [Fact]
    public async Task Published_ports_reach_the_container()
    {
        var port = FreePort();
        _h.Start();
        var web = _h.Web(1) with { Ports = [new PortBindingView(port, 8080, "tcp", "127.0.0.1")] };

        _h.Reconciler.SetDesired(_h.Desired(1, web));
        await _h.RunningAsync(1, "web-1 running");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var body = await Eventually.ValueAsync(
            async () => await http.GetStringAsync($"http://127.0.0.1:{port}/"),
            b => b.Contains("hello from satama", StringComparison.Ordinal),
            "the page through the published port");
        Assert.Equal("hello from satama\n", body);
    }

    [Fact]
    public async Task A_start_that_fails_is_reported_on_the_container_and_does_not_block_the_others()
    {
        var port = FreePort();
        _h.Start();
        var first = _h.Web(1) with { Ports = [new PortBindingView(port, 8080, "tcp", "127.0.0.1")] };
        var clash = _h.Web(2) with { Ports = [new PortBindingView(port, 8080, "tcp", "127.0.0.1")] };

        _h.Reconciler.SetDesired(_h.Desired(1, first, clash, _h.Web(3)));

        var report = await Eventually.ValueAsync(
            () => Task.FromResult(_h.Reconciler.LastReport),
            r => r is not null && r.Containers.Count(c => c.Actual?.State == ContainerRunState.Running) == 2 && r.Containers.Any(c => c.Error.Length > 0),
            "two running and one failing",
            describe: r => string.Join(", ", r?.Containers.Select(c => $"{c.Name}:{c.Actual?.State}:{c.Error}") ?? []));
        var failing = Assert.Single(report!.Containers, c => c.Error.Length > 0);
        Assert.Contains("start of", failing.Error);
        Assert.NotEqual(ContainerRunState.Running, failing.Actual?.State);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
