using Microsoft.Extensions.Logging.Abstractions;
using Satama.Agent.Docker;
using Satama.Core.Model;
using Satama.Testing;

namespace Satama.Agent.Tests.Docker;

/// <summary>The node preflight's facts as the agent collects them from the real engine and this host.</summary>
public sealed class EngineDiagnosticsTests : IDisposable
{
    private readonly DockerContainerDriver _driver = new(new Uri("unix:///var/run/docker.sock"), NullLogger<DockerContainerDriver>.Instance);
    private readonly TempDirectory _dir = new("satama-doctor-");

    public void Dispose()
    {
        _driver.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task The_local_engine_gives_its_data_root_driver_status_and_the_free_disk_under_it()
    {
        var engine = await _driver.GetEngineInfoAsync(CancellationToken.None);

        var facts = await _driver.GetDiagnosticsAsync(UniqueNames.Next("tn"), CancellationToken.None);

        Assert.NotNull(facts);
        Assert.Equal(engine, facts.Engine);
        Assert.True(Path.IsPathRooted(facts.DockerRootDir), facts.DockerRootDir);
        Assert.NotEmpty(facts.DriverStatus);
        Assert.NotNull(facts.DiskFreeBytes);
        Assert.InRange(facts.DiskFreeBytes.Value, 1, facts.DiskTotalBytes!.Value);
    }

    [Fact]
    public async Task Log_options_come_from_a_container_of_the_node_which_carries_the_daemon_defaults()
    {
        await TestImages.BusyboxAsync();
        var node = UniqueNames.Next("tn");
        var name = UniqueNames.Next("satama-doctor");
        var engine = await _driver.GetEngineInfoAsync(CancellationToken.None);
        try
        {
            // A log option the daemon defaults here do not have: found only by inspecting the node's container.
            (await Shell.DockerAsync("create", "--name", name, "--label", $"{SatamaLabels.Node}={node}", "--log-driver", engine.LogDriver,
                "--log-opt", "max-size=7m", TestImages.Busybox, "true")).EnsureSuccess("docker create");

            var facts = await _driver.GetDiagnosticsAsync(node, CancellationToken.None);

            Assert.Equal("7m", facts!.LogOptions!["max-size"]);
        }
        finally
        {
            await Shell.DockerAsync("rm", "-f", name);
        }
    }

    [Fact]
    public void Daemon_json_without_the_file_means_no_log_options()
    {
        Assert.Empty(DockerContainerDriver.LogOptionsFromDaemonJson(Path.Combine(_dir.Path, "absent.json"), "json-file")!);
    }

    [Fact]
    public void Daemon_json_log_opts_are_read_as_strings()
    {
        var path = Write("""{"log-driver": "json-file", "log-opts": {"max-size": "10m", "max-file": "3", "compress": true}}""");

        var options = DockerContainerDriver.LogOptionsFromDaemonJson(path, "json-file")!;

        Assert.Equal("10m", options["max-size"]);
        Assert.Equal("3", options["max-file"]);
        Assert.Equal("true", options["compress"]);
    }

    [Fact]
    public void Daemon_json_without_log_opts_means_none()
    {
        Assert.Empty(DockerContainerDriver.LogOptionsFromDaemonJson(Write("""{"storage-driver": "overlay2"}"""), "json-file")!);
    }

    [Theory]
    [InlineData("""{"log-driver": "local", "log-opts": {"max-size": "10m"}}""")] // the file names another driver than the engine runs: stale
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    public void Daemon_json_that_cannot_be_trusted_means_unknown(string text)
    {
        Assert.Null(DockerContainerDriver.LogOptionsFromDaemonJson(Write(text), "json-file"));
    }

    private string Write(string text)
    {
        var path = Path.Combine(_dir.Path, UniqueNames.Next("daemon") + ".json");
        File.WriteAllText(path, text);
        return path;
    }
}
