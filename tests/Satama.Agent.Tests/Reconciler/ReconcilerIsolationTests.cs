using Satama.Agent.Tests.Support;
using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Testing;

namespace Satama.Agent.Tests.Reconciler;

public sealed class ReconcilerIsolationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ReconcilerHarness _h = new(output);
    private readonly string _marker = UniqueNames.Next("mark");

    public async Task InitializeAsync() => await TestImages.BusyboxAsync();

    public async Task DisposeAsync()
    {
        await EngineCleanup.RemoveLabelledAsync($"test.marker={_marker}");
        await _h.DisposeAsync();
    }

    [Fact]
    public async Task Never_touches_containers_of_another_grid_or_node_or_without_labels()
    {
        var otherGrid = await RunForeignAsync("og", "sleep 3600", SatamaLabels.Grid + "=" + UniqueNames.Next("other"), SatamaLabels.Node + "=" + _h.Node);
        var otherNode = await RunForeignAsync("on", "sleep 3600", SatamaLabels.Grid + "=" + _h.Grid, SatamaLabels.Node + "=" + UniqueNames.Next("other"));
        var unlabelled = await RunForeignAsync("ul", "sleep 3600");
        var exited = await RunForeignAsync("ex", "exit 1", SatamaLabels.Grid + "=" + _h.Grid, SatamaLabels.Node + "=" + UniqueNames.Next("other"));
        _h.Start();

        _h.Reconciler.SetDesired(_h.Desired(1, _h.Web(1)));
        await _h.RunningAsync(1, "web-1 running");
        _h.Reconciler.SetDesired(_h.Desired(2));
        await _h.RunningAsync(0, "web-1 removed");
        await _h.Reconciler.ReconcileOnceAsync(CancellationToken.None);

        foreach (var (id, state) in new[] { (otherGrid, "running"), (otherNode, "running"), (unlabelled, "running"), (exited, "exited") })
        {
            var inspect = await Shell.DockerAsync("inspect", "-f", "{{.State.Status}} {{.RestartCount}}", id);
            Assert.Equal($"{state} 0", inspect.EnsureSuccess("inspect").Stdout.Trim());
        }
        Assert.Equal("1", (await Shell.DockerAsync("inspect", "-f", "{{.State.ExitCode}}", exited)).Stdout.Trim());
    }

    [Fact]
    public async Task A_foreign_container_holding_a_desired_name_is_left_alone_and_reported()
    {
        var web1 = _h.Web(1);
        var args = new[] { "run", "-d", "--name", web1.Name, "--label", $"test.marker={_marker}", TestImages.Busybox, "sleep", "3600" };
        var squatter = (await Shell.DockerAsync(args)).EnsureSuccess("docker run").Stdout.Trim();
        _h.Start();

        _h.Reconciler.SetDesired(_h.Desired(1, web1));

        var line = await Eventually.ValueAsync(
            () => Task.FromResult(_h.Reconciler.LastReport?.Containers.SingleOrDefault()),
            l => l is { Error.Length: > 0 },
            "an error on web-1");
        Assert.Contains("is taken by a container this node does not manage", line!.Error);
        var inspect = await Shell.DockerAsync("inspect", "-f", "{{.Id}} {{.State.Status}}", web1.Name);
        Assert.Equal($"{squatter} running", inspect.EnsureSuccess("inspect").Stdout.Trim());
    }

    [Fact]
    public async Task A_restarted_reconciler_on_the_same_data_dir_adopts_its_containers_without_duplicates()
    {
        _h.Start();
        _h.Reconciler.SetDesired(_h.Desired(7, _h.Web(1), _h.Web(2)));
        var before = await _h.RunningAsync(2, "2 web containers running");

        await _h.RestartAsync();
        await _h.Reconciler.ReconcileOnceAsync(CancellationToken.None);

        Assert.Equal(7ul, _h.Reconciler.DesiredVersion);
        var after = await _h.ListAsync();
        Assert.Equal(before.Select(c => c.Id).Order(), after.Select(c => c.Id).Order());
        Assert.All(after, c => Assert.Equal(ContainerRunState.Running, c.State));
    }

    [Fact]
    public async Task A_create_that_finds_its_container_already_there_adopts_it()
    {
        var web1 = _h.Web(1);
        await _h.Driver.CreateAsync(web1, _h.Node, CancellationToken.None);

        await _h.Driver.CreateAsync(web1, _h.Node, CancellationToken.None);

        var list = await _h.ListAsync();
        Assert.Equal(ContainerRunState.Created, Assert.Single(list).State);
    }

    private async Task<string> RunForeignAsync(string suffix, string script, params string[] labels)
    {
        var args = new List<string> { "run", "-d", "--name", $"{_marker}-{suffix}", "--label", $"test.marker={_marker}" };
        foreach (var label in labels)
        {
            args.AddRange(["--label", label]);
        }
        args.AddRange([TestImages.Busybox, "sh", "-c", script]);
        var id = (await Shell.DockerAsync([.. args])).EnsureSuccess("docker run").Stdout.Trim();
        if (script.StartsWith("exit", StringComparison.Ordinal))
        {
            await Shell.DockerAsync("wait", id);
        }
        return id;
    }
}
