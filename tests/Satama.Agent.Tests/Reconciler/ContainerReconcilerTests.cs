using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Testing;

namespace Satama.Agent.Tests.Reconciler;

public sealed class ContainerReconcilerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ReconcilerHarness _h = new(output);

    public async Task InitializeAsync() => await TestImages.BusyboxAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Creates_the_desired_containers_with_satama_labels_and_no_docker_restart_policy()
    {
        _h.Start();

        _h.Reconciler.SetDesired(_h.Desired(1, _h.Web(1), _h.Web(2), _h.Web(3)));

        var running = await _h.RunningAsync(3, "3 web containers running");
        Assert.Equal([_h.Web(1).Name, _h.Web(2).Name, _h.Web(3).Name], running.Select(c => c.Name).Order());
        var inspect = await Shell.DockerAsync("inspect", "-f",
            "{{index .Config.Labels \"io.satama.grid\"}} {{index .Config.Labels \"io.satama.node\"}} {{index .Config.Labels \"io.satama.stack\"}} {{index .Config.Labels \"io.satama.service\"}} {{index .Config.Labels \"io.satama.instance\"}} {{index .Config.Labels \"io.satama.revision\"}} {{index .Config.Labels \"io.satama.spec-hash\"}} {{.HostConfig.RestartPolicy.Name}}",
            _h.Web(2).Name);
        Assert.Equal($"{_h.Grid} {_h.Node} null web 2 1 h1 no", inspect.EnsureSuccess("inspect").Stdout.Trim());
        var env = await Shell.DockerAsync("exec", _h.Web(1).Name, "sh", "-c", "echo $GREETING; wget -q -O - http://127.0.0.1:8080/");
        Assert.Equal("hello\nhello from satama", env.EnsureSuccess("exec").Stdout.Trim());
    }

    [Fact]
    public async Task Shrinking_the_desired_set_removes_the_extra_containers()
    {
        _h.Start();
        _h.Reconciler.SetDesired(_h.Desired(1, _h.Web(1), _h.Web(2), _h.Web(3)));
        var before = await _h.RunningAsync(3, "3 web containers running");

        _h.Reconciler.SetDesired(_h.Desired(2, _h.Web(1)));

        var after = await _h.RunningAsync(1, "only web-1 left");
        Assert.Equal(before.Single(c => c.Name == _h.Web(1).Name).Id, Assert.Single(after).Id);
    }

    [Fact]
    public async Task A_container_no_longer_desired_stops_in_the_background_while_the_pass_creates_the_next()
    {
        var held = new HeldRemovalsDriver(_h.Driver);
        _h.UseDriver(held);
        _h.Reconciler.SetDesired(_h.Desired(1, _h.Web(1)));
        await _h.Reconciler.ReconcileOnceAsync(CancellationToken.None);

        // web-1's removal is held (a slow stop); the pass still creates web-2 and returns.
        _h.Reconciler.SetDesired(_h.Desired(2, _h.Web(2)));
        await _h.Reconciler.ReconcileOnceAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
        var both = await _h.ListAsync();
        Assert.Equal([_h.Web(1).Name, _h.Web(2).Name], both.Select(c => c.Name).Order());
        Assert.All(both, c => Assert.Equal(ContainerRunState.Running, c.State));
        Assert.Equal(1, held.Held);

        // A pass while it is still stopping does not start a second removal.
        await _h.Reconciler.ReconcileOnceAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(1, held.Held);

        held.Release();
        await _h.Reconciler.RetirementsAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal([_h.Web(2).Name], (await _h.ListAsync()).Select(c => c.Name));
    }

    [Fact]
    public async Task A_changed_spec_hash_replaces_the_container()
    {
        _h.Start();
        _h.Reconciler.SetDesired(_h.Desired(1, _h.Web(1)));
        var old = Assert.Single(await _h.RunningAsync(1, "web-1 running"));

        _h.Reconciler.SetDesired(_h.Desired(2, _h.Web(1, hash: "h2")));

        var replaced = await Eventually.ValueAsync(
            _h.ListAsync,
            list => list.Count == 1 && list[0].SpecHash == "h2" && list[0].State == ContainerRunState.Running,
            "web-1 replaced with spec hash h2",
            describe: list => string.Join(", ", list.Select(c => $"{c.Name}:{c.State}:{c.SpecHash}")));
        Assert.NotEqual(old.Id, replaced[0].Id);
    }

    [Fact]
    public async Task A_killed_container_is_restarted_and_its_restart_counted()
    {
        _h.Start();
        _h.Reconciler.SetDesired(_h.Desired(1, _h.Web(1)));
        var first = Assert.Single(await _h.RunningAsync(1, "web-1 running"));

        (await Shell.DockerAsync("kill", _h.Web(1).Name)).EnsureSuccess("docker kill");

        await Eventually.UntilAsync(async () =>
        {
            var report = _h.Reconciler.LastReport;
            var line = report?.Containers.SingleOrDefault(c => c.Name == _h.Web(1).Name);
            var done = line is { RestartCount: 1, Actual.State: ContainerRunState.Running } && line.Actual.StartedAt > first.StartedAt;
            return (done, line is null ? "no report" : $"{line.Actual?.State} restarts {line.RestartCount}");
        }, "web-1 restarted once");
        var again = Assert.Single(await _h.ListAsync());
        Assert.Equal(first.Id, again.Id);
        Assert.Contains("\"count\": 1", await File.ReadAllTextAsync(Path.Combine(_h.DataDir, "restarts.json")));
    }

    [Fact]
    public async Task A_container_with_restart_policy_no_stays_exited()
    {
        _h.Start();
        var once = _h.Web(1, restart: RestartPolicy.No) with { Command = ["sh", "-c", "exit 3"] };

        _h.Reconciler.SetDesired(_h.Desired(1, once));

        var exited = await Eventually.ValueAsync(_h.ListAsync, l => l.Count == 1 && l[0].State == ContainerRunState.Exited, "web-1 exited");
        Assert.Equal(3, exited[0].ExitCode);
        var report = await _h.Reconciler.ReconcileOnceAsync(CancellationToken.None);
        Assert.Equal(0, report!.Containers.Single().RestartCount);
        Assert.Equal(ContainerRunState.Exited, Assert.Single(await _h.ListAsync()).State);
    }

    [Fact]
    public async Task A_missing_image_is_reported_on_the_container()
    {
        _h.Start();
        var missing = _h.Web(1, image: "satama-test/no-such-image:latest");

        _h.Reconciler.SetDesired(_h.Desired(1, missing));

        var line = await Eventually.ValueAsync(
            () => Task.FromResult(_h.Reconciler.LastReport?.Containers.SingleOrDefault()),
            l => l is { Error.Length: > 0 },
            "an error on web-1",
            TimeSpan.FromSeconds(120));
        Assert.Null(line!.Actual);
        Assert.StartsWith("image satama-test/no-such-image:latest not found on node and pull failed: ", line.Error);
    }
}
