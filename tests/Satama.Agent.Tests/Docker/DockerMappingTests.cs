using Docker.DotNet.Models;
using Satama.Agent.Docker;
using Satama.Core.Model;
using Satama.Core.Reconciling;

namespace Satama.Agent.Tests.Docker;

public sealed class DockerMappingTests
{
    private static readonly DesiredContainerView s_web = new()
    {
        Name = "prod.shop.web-2",
        Grid = "prod",
        Stack = "shop",
        Service = "web",
        Instance = 2,
        Revision = 7,
        Image = "satama-test/busybox:latest",
        Command = ["httpd", "-f"],
        Env = new Dictionary<string, string> { ["A"] = "1", ["B"] = "x=y" },
        Ports = [new PortBindingView(8080, 80), new PortBindingView(5353, 53, "udp", "127.0.0.1"), new PortBindingView(8081, 80)],
        Labels = new Dictionary<string, string> { ["team"] = "blue", [SatamaLabels.Grid] = "forged" },
        SpecHash = "abc",
    };

    [Fact]
    public void Create_parameters_carry_name_image_command_env_and_every_satama_label()
    {
        var p = DockerMapping.ToCreateParameters(s_web, "node-1");

        Assert.Equal("prod.shop.web-2", p.Name);
        Assert.Equal("satama-test/busybox:latest", p.Image);
        Assert.Equal(["httpd", "-f"], p.Cmd);
        Assert.Equal(["A=1", "B=x=y"], p.Env);
        Assert.Equal("blue", p.Labels["team"]);
        Assert.Equal("prod", p.Labels[SatamaLabels.Grid]);
        Assert.Equal("node-1", p.Labels[SatamaLabels.Node]);
        Assert.Equal("shop", p.Labels[SatamaLabels.Stack]);
        Assert.Equal("web", p.Labels[SatamaLabels.Service]);
        Assert.Equal("2", p.Labels[SatamaLabels.Instance]);
        Assert.Equal("7", p.Labels[SatamaLabels.Revision]);
        Assert.Equal("abc", p.Labels[SatamaLabels.SpecHash]);
        Assert.Equal(RestartPolicyKind.No, p.HostConfig!.RestartPolicy.Name);
    }

    [Fact]
    public void Create_parameters_publish_every_port_binding()
    {
        var p = DockerMapping.ToCreateParameters(s_web, "node-1");

        Assert.Equal(["53/udp", "80/tcp"], p.ExposedPorts!.Keys.Order());
        Assert.Equal(["8080", "8081"], p.HostConfig!.PortBindings["80/tcp"].Select(b => b.HostPort));
        var dns = Assert.Single(p.HostConfig!.PortBindings["53/udp"]);
        Assert.Equal(("127.0.0.1", "5353"), (dns.HostIP, dns.HostPort));
    }

    [Fact]
    public void Runtime_options_set_init_stop_signal_and_stop_timeout()
    {
        var p = DockerMapping.ToCreateParameters(s_web with { Runtime = new RuntimeSpec { Init = true, StopGracePeriod = TimeSpan.FromMilliseconds(1500), StopSignal = "SIGQUIT" } }, "node-1");

        Assert.True(p.HostConfig!.Init);
        Assert.Equal("SIGQUIT", p.StopSignal);
        Assert.Equal(TimeSpan.FromSeconds(2), p.StopTimeout);
    }

    [Fact]
    public void Without_runtime_options_a_container_has_no_init_and_a_2_second_stop_timeout()
    {
        var p = DockerMapping.ToCreateParameters(s_web, "node-1");

        Assert.Null(p.HostConfig!.Init);
        Assert.Null(p.StopSignal);
        Assert.Equal(TimeSpan.FromSeconds(2), p.StopTimeout);
    }

    [Fact]
    public void A_container_created_without_a_stop_timeout_stops_after_2_seconds_not_dockers_10()
    {
        Assert.Equal(2u, DockerMapping.StopGraceSeconds(new ContainerInspectResponse { Config = new ContainerConfig() }));
        Assert.Equal(2u, DockerMapping.StopGraceSeconds(null));
        Assert.Equal(30u, DockerMapping.StopGraceSeconds(new ContainerInspectResponse { Config = new ContainerConfig { StopTimeout = TimeSpan.FromSeconds(30) } }));
    }

    [Fact]
    public void An_empty_command_leaves_the_image_default()
    {
        var p = DockerMapping.ToCreateParameters(s_web with { Command = [] }, "node-1");

        Assert.Null(p.Cmd);
    }

    [Theory]
    [InlineData("created", ContainerRunState.Created)]
    [InlineData("running", ContainerRunState.Running)]
    [InlineData("restarting", ContainerRunState.Restarting)]
    [InlineData("paused", ContainerRunState.Paused)]
    [InlineData("removing", ContainerRunState.Removing)]
    [InlineData("exited", ContainerRunState.Exited)]
    [InlineData("dead", ContainerRunState.Dead)]
    public void Docker_states_map_to_run_states(string status, ContainerRunState state)
    {
        Assert.Equal(state, DockerMapping.ToRunState(status));
    }

    [Fact]
    public void The_zero_time_docker_reports_means_never()
    {
        Assert.Null(DockerMapping.ParseTime("0001-01-01T00:00:00Z"));
        Assert.Null(DockerMapping.ParseTime(null));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 8, 1, 2, 500, TimeSpan.Zero), DockerMapping.ParseTime("2026-11-25T08:01:02.5Z"));
    }

    [Theory]
    [InlineData("busybox", "busybox", "latest")]
    [InlineData("satama-test/x:1.2", "satama-test/x", "1.2")]
    [InlineData("registry:5000/team/x", "registry:5000/team/x", "latest")]
    [InlineData("registry:5000/team/x:v1", "registry:5000/team/x", "v1")]
    [InlineData("x@sha256:abc", "x@sha256:abc", "")]
    public void Image_references_split_into_repository_and_tag_for_a_pull(string image, string repository, string tag)
    {
        Assert.Equal((repository, tag), DockerMapping.SplitImage(image));
    }

    [Fact]
    public void An_inspected_container_becomes_a_view_with_its_labels_and_times()
    {
        var inspect = new ContainerInspectResponse
        {
            ID = "abc123",
            Name = "/prod.shop.web-2",
            State = new State { Status = "exited", ExitCode = 137, StartedAt = "2026-11-25T08:00:00Z", FinishedAt = "2026-11-25T08:00:05Z" },
            Config = new ContainerConfig
            {
                Image = "satama-test/busybox:latest",
                Labels = new Dictionary<string, string> { [SatamaLabels.Grid] = "prod", [SatamaLabels.Node] = "n1", [SatamaLabels.SpecHash] = "h" },
            },
            NetworkSettings = new NetworkSettings { Networks = new Dictionary<string, EndpointSettings> { ["bridge"] = new() { IPAddress = "172.17.0.5" } } },
        };

        var view = DockerMapping.ToView(inspect);

        Assert.Equal("prod.shop.web-2", view.Name);
        Assert.Equal(("prod", "n1", "h"), (view.Grid, view.Node, view.SpecHash));
        Assert.Equal(ContainerRunState.Exited, view.State);
        Assert.Equal(137, view.ExitCode);
        Assert.Equal(TimeSpan.FromSeconds(5), view.FinishedAt - view.StartedAt);
        Assert.Equal("172.17.0.5", view.IpAddress);
    }
}
