using Satama.Agent.Docker;
using Satama.Agent.MasterLink;
using Satama.Agent.Tests.Support;
using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Protocol;
using Satama.Testing;

namespace Satama.Agent.Tests.Storage;

/// <summary>A service's entrypoint from the wire to the real engine.</summary>
public sealed class EntrypointTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly EngineDriverScope _engine = new(output);

    private DockerContainerDriver Driver => _engine.Driver;

    public async Task InitializeAsync() => await TestImages.BusyboxAsync();

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
    }

    [Fact]
    public void The_wire_entrypoint_reaches_the_create_parameters_and_none_leaves_the_images()
    {
        var wire = new DesiredContainer { Name = "g.null.app-1", Grid = "g", Service = "app", Image = "busybox", SpecHash = "h" };
        Assert.Null(DockerMapping.ToCreateParameters(ProtocolMapping.ToView(wire), "n").Entrypoint);

        wire.Entrypoint.Add("/bin/sh");
        wire.Command.AddRange(["-c", "echo hi"]);
        var parameters = DockerMapping.ToCreateParameters(ProtocolMapping.ToView(wire), "n");

        Assert.Equal(["/bin/sh"], parameters.Entrypoint);
        Assert.Equal(["-c", "echo hi"], parameters.Cmd);
    }

    [Fact]
    public async Task The_entrypoint_runs_with_the_command_as_its_arguments()
    {
        var app = new DesiredContainerView
        {
            Name = InstanceNames.Container(_engine.Grid, "null", "app", 1, 1),
            Grid = _engine.Grid,
            Service = "app",
            Image = TestImages.Busybox,
            Entrypoint = ["/bin/echo", "from-entrypoint"],
            Command = ["and-command"],
            SpecHash = "h1",
        };

        await Driver.CreateAsync(app, _engine.Node, CancellationToken.None);
        await Driver.StartAsync(app.Name, CancellationToken.None);

        await Eventually.UntilAsync(async () => (await Shell.DockerAsync("logs", app.Name)).Stdout.Trim() == "from-entrypoint and-command", "the entrypoint's output");
    }
}
