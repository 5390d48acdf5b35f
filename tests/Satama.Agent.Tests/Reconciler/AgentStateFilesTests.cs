using Microsoft.Extensions.Logging.Abstractions;
using Satama.Agent.Reconciler;
using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Testing;

namespace Satama.Agent.Tests.Reconciler;

public sealed class AgentStateFilesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_desired_set_round_trips_through_its_file()
    {
        var files = new AgentStateFiles(_dir.Path, NullLogger.Instance);
        var desired = new DesiredNodeView("prod", "n1", 42,
        [
            new DesiredContainerView
            {
                Name = "prod.shop.web-1",
                Grid = "prod",
                Stack = "shop",
                Service = "web",
                Image = "x:1",
                Command = ["a"],
                Env = new Dictionary<string, string> { ["K"] = "V" },
                Ports = [new PortBindingView(8080, 80, "udp", "127.0.0.1")],
                Restart = RestartPolicy.OnFailure,
                Labels = new Dictionary<string, string> { ["team"] = "blue" },
                SpecHash = "h",
            },
        ]);

        files.SaveDesired(desired);
        var loaded = new AgentStateFiles(_dir.Path, NullLogger.Instance).LoadDesired();

        Assert.NotNull(loaded);
        Assert.Equal(("prod", "n1", 42ul), (loaded.Grid, loaded.Node, loaded.Version));
        var c = Assert.Single(loaded.Containers);
        Assert.Equal(RestartPolicy.OnFailure, c.Restart);
        Assert.Equal(desired.Containers[0].Ports, c.Ports);
        Assert.Equal("V", c.Env["K"]);
        Assert.Equal("blue", c.Labels["team"]);
        Assert.Contains("\"on-failure\"", File.ReadAllText(Path.Combine(_dir.Path, "desired.json")));
    }

    [Fact]
    public void State_files_are_readable_by_the_owner_only()
    {
        new AgentStateFiles(_dir.Path, NullLogger.Instance).SaveDesired(DesiredNodeView.Empty("g", "n"));

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir.Path, "desired.json")));
        }
    }

    [Fact]
    public void Restart_records_round_trip_through_their_file()
    {
        var files = new AgentStateFiles(_dir.Path, NullLogger.Instance);
        var at = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

        files.SaveRestarts(new Dictionary<string, RestartRecord> { ["a"] = new(3, 2, at) });

        Assert.Equal(new RestartRecord(3, 2, at), files.LoadRestarts()["a"]);
    }

    [Fact]
    public void A_damaged_file_is_set_aside_and_read_as_absent()
    {
        File.WriteAllText(Path.Combine(_dir.Path, "desired.json"), "{ not json");
        File.WriteAllText(Path.Combine(_dir.Path, "restarts.json"), "[1, 2");
        var files = new AgentStateFiles(_dir.Path, NullLogger.Instance);

        Assert.Null(files.LoadDesired());
        Assert.Empty(files.LoadRestarts());
        Assert.True(File.Exists(Path.Combine(_dir.Path, "desired.json.bad")));
        Assert.False(File.Exists(Path.Combine(_dir.Path, "desired.json")));
    }
}
