using Satama.Core.Model;
using Satama.Master.AgentLink;
using Satama.Master.Stacks;
using Satama.Master.Store;

namespace Satama.Master.Tests.Storage;

public sealed class EntrypointDesiredTests
{
    private static readonly ServiceSpec s_app = new() { Grid = "g", Name = "app", Image = "busybox:latest", Command = ["-c", "true"] };

    [Fact]
    public void The_desired_container_carries_the_entrypoint_and_a_change_rolls_the_service()
    {
        var app = s_app with { Entrypoint = ["/bin/sh"] };

        var container = DesiredSetBuilder.Container(app, 1);

        Assert.Equal(["/bin/sh"], container.Entrypoint);
        Assert.Equal(["-c", "true"], container.Command);
        Assert.NotEqual(SpecHash.Of(s_app), SpecHash.Of(app));
        Assert.NotEqual(SpecHash.Of(app), SpecHash.Of(app with { Entrypoint = ["/bin/ash"] }));
        Assert.Equal(["entrypoint"], StackPlanner.ShapingFields(s_app, app));
        Assert.Equal(["/bin/sh"], StoreJson.Read<ServiceSpec>(StoreJson.Write(app)).Entrypoint);
    }

    [Fact]
    public void A_service_without_an_entrypoint_keeps_its_hash_and_sends_none()
    {
        Assert.Empty(DesiredSetBuilder.Container(s_app, 1).Entrypoint);
        Assert.Equal(SpecHash.Of(s_app), SpecHash.Of(s_app with { Entrypoint = [] }));
        Assert.Empty(StoreJson.Read<ServiceSpec>("""{"grid":"g","name":"app","image":"busybox"}""").Entrypoint);
    }
}
