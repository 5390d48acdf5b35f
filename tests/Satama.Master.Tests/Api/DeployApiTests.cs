using System.Net;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;
using Satama.Protocol;
using Satama.Testing;

namespace Satama.Master.Tests.Api;

/// <summary>
/// The deployment controller through the API, with a protocol-level agent that reports every
/// desired container running and healthy: rollouts advance on reports and are recorded.
/// </summary>
public sealed class DeployApiTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private SatamaClient Client => fixture.Master.Client;

    [Fact]
    public async Task A_rollout_advances_on_the_agent_reports_and_is_recorded()
    {
        var grid = await fixture.Master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(fixture.Master.Server, grid.Token, "node-1");
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", 2));
        await UntilSettledAsync(agent, grid.Name, revision: 1);

        var deploying = await Client.DeployServiceAsync(grid.Name, "null", "web", force: true);
        Assert.Equal(2, deploying.Revision);
        Assert.Equal(1, deploying.DeployedRevision);
        Assert.Equal(("update", "running"), (deploying.Deployment?.Kind, deploying.Deployment?.State));
        var settled = await UntilSettledAsync(agent, grid.Name, revision: 2);

        Assert.Null(settled.Deployment);
        Assert.Equal(("update", "succeeded", 2L), (settled.LastDeployment?.Kind, settled.LastDeployment?.State, settled.LastDeployment?.Revision));
        var deploys = await Client.ListDeploysAsync(grid.Name, "null", "web");
        Assert.Equal([("update", "succeeded", 2L, 1L), ("create", "succeeded", 1L, 0L)], deploys.Select(d => (d.Kind, d.State, d.Revision, d.Previous)));
        Assert.All(deploys, d => Assert.True(d.Ended >= d.Started));
        Assert.Equal("2 of 2 instances at revision 2, healthy", deploys[0].Reason);
        // Start-first: both revisions of a slot ran side by side at some point.
        Assert.Contains(agent.History, m => m.Desired is { } set && set.Containers.Any(c => c.Revision == 1) && set.Containers.Any(c => c.Revision == 2));
    }

    [Fact]
    public async Task Deploy_without_force_leaves_a_service_at_its_revision_alone()
    {
        var grid = await fixture.Master.NewGridAsync();
        await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx"));

        var service = await Client.DeployServiceAsync(grid.Name, "null", "web", force: false);

        Assert.Equal(1, service.Revision);
    }

    [Fact]
    public async Task Deploying_or_listing_an_unknown_service_says_what_exists()
    {
        var grid = await fixture.Master.NewGridAsync();
        await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx"));

        var deploy = await Assert.ThrowsAsync<SatamaApiException>(() => Client.DeployServiceAsync(grid.Name, "null", "wbe", force: true));
        var list = await Assert.ThrowsAsync<SatamaApiException>(() => Client.ListDeploysAsync(grid.Name, "null", "wbe"));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (deploy.Status, list.Status));
        Assert.Contains("web", deploy.Detail, StringComparison.Ordinal);
        Assert.Equal(1, (await Client.GetServiceAsync(grid.Name, "null", "web")).Revision);
    }

    [Fact]
    public async Task A_change_after_a_restart_takes_the_next_revision()
    {
        var grid = await fixture.Master.NewGridAsync();
        await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx"));

        await Client.RestartServiceAsync(grid.Name, "null", "web");
        var forced = await Client.DeployServiceAsync(grid.Name, "null", "web", force: true);

        Assert.Equal(3, forced.Revision);
    }

    [Fact]
    public async Task Rollout_settings_are_kept_and_shown()
    {
        var grid = await fixture.Master.NewGridAsync();

        var service = await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", 4,
            Rollout: new RolloutDto(MinHealth: 0.5, Parallelism: 2, IntervalSeconds: 5, Order: "stop-first", FailureAction: "pause", MonitorSeconds: 30, DrainSeconds: 7)));

        Assert.Equal(new RolloutDto(0.5, 2, 5, "stop-first", "pause", 30, 7), service.Rollout);
        // Defaults; the drain is 1 s for a service no load balancer routes to (3 s with an lb:).
        Assert.Equal(new RolloutDto(0.8, null, 0, null, "rollback", 120, 1),
            (await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("api", "nginx"))).Rollout);
    }

    [Fact]
    public async Task Bad_rollout_settings_are_refused_with_every_problem_and_nothing_is_created()
    {
        var grid = await fixture.Master.NewGridAsync();

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx",
            Rollout: new RolloutDto(MinHealth: 1.5, Parallelism: 0, IntervalSeconds: -1, Order: "sideways", FailureAction: "panic", MonitorSeconds: 0))));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("rollout: min_health is a fraction from 0 to 1, not 1.5", error.Detail);
        Assert.Contains("rollout: parallelism must be at least 1, not 0", error.Detail);
        Assert.Contains("rollout: interval must be from 0 to 86400 seconds, not -1", error.Detail);
        Assert.Contains("rollout: order 'sideways' is invalid: use start-first or stop-first", error.Detail);
        Assert.Contains("rollout: failure_action 'panic' is invalid: use rollback, pause or continue", error.Detail);
        Assert.Contains("rollout: monitor must be more than 0 to 86400 seconds, not 0", error.Detail);
        Assert.Empty(await Client.ListServicesAsync(grid.Name));
    }

    // Answers every desired set with a report of its containers running and healthy, until the service has settled at the revision.
    private async Task<ServiceDto> UntilSettledAsync(TestAgent agent, string grid, long revision)
    {
        var deadline = DateTimeOffset.UtcNow + s_timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var set = agent.History.LastOrDefault(m => m.Desired is not null)?.Desired;
            if (set is not null)
            {
                await agent.SendAsync(new AgentMessage { Report = Healthy(set) });
            }
            var service = await Client.GetServiceAsync(grid, "null", "web");
            // Settled means placed and reported too: a create can finish with "0 of 0" before the node is online.
            if (service.Deployment is null && service.DeployedRevision == revision
                && service.InstanceList.Count(i => i.Revision == revision && i.State == "running") == service.Instances)
            {
                return service;
            }
            await Task.Delay(200);
        }
        throw new GiveUpException($"web did not settle at revision {revision} within {s_timeout.TotalSeconds} s");
    }

    private static ContainerReport Healthy(DesiredSet set)
    {
        var report = new ContainerReport { DesiredVersion = set.Version };
        report.Containers.AddRange(set.Containers.Select(c => new ContainerState
        {
            Name = c.Name,
            ContainerId = c.Name,
            Grid = c.Grid,
            Stack = c.Stack,
            Service = c.Service,
            Instance = c.Instance,
            Revision = c.Revision,
            Image = c.Image,
            State = "running",
            Health = "healthy",
            HealthySinceUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        }));
        return report;
    }
}
