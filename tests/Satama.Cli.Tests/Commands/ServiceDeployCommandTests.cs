using Satama.Client.Dtos;

namespace Satama.Cli.Tests.Commands;

/// <summary>service deploy, deploys and the rollout line of service show, against the in-test master.</summary>
public sealed class ServiceDeployCommandTests() : StubbedCliTests(s_start)
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Stub.Services.Add(StubMaster.Service("default", "null", "web", "nginx:latest", 2, running: 2));
    }

    [Fact]
    public async Task Deploy_with_force_starts_a_rollout_of_a_new_revision()
    {
        var result = await Cli.RunAsync("service", "deploy", "web", "--force");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Service null/web rolling out revision 2: starting revision 2.\n", result.Out);
    }

    [Fact]
    public async Task Deploy_without_force_says_there_is_nothing_to_roll_out()
    {
        var result = await Cli.RunAsync("service", "deploy", "web");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Service null/web at revision 1, nothing to roll out (--force replaces every instance).\n", result.Out);
    }

    [Fact]
    public async Task Deploys_lists_every_rollout_newest_first()
    {
        Stub.Deploys.Add(new DeploymentDto(1, 3, "rollback", "succeeded", s_start.AddMinutes(2), s_start.AddMinutes(3), "2 of 2 instances at revision 1, healthy"));
        Stub.Deploys.Add(new DeploymentDto(3, 1, "update", "failed", s_start.AddMinutes(1), s_start.AddMinutes(2), "web-1: not healthy within 120 s: HTTP 502 on /health"));
        Stub.Deploys.Add(new DeploymentDto(1, 0, "create", "succeeded", s_start, s_start.AddMinutes(1), "2 of 2 instances at revision 1, healthy"));

        var result = await Cli.RunAsync("service", "deploys", "web");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("REVISION", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^1 \(back from 3\)\s+rollback\s+succeeded\s+2026-11-25 10:02:00Z\s+2026-11-25 10:03:00Z\s+2 of 2 instances", lines[1]);
        Assert.Matches(@"^3 \(from 1\)\s+update\s+failed\s+.*web-1: not healthy within 120 s: HTTP 502 on /health$", lines[2]);
        Assert.Matches(@"^1\s+create\s+succeeded", lines[3]);
    }

    [Fact]
    public async Task Deploys_as_json_is_the_list()
    {
        Stub.Deploys.Add(new DeploymentDto(1, 0, "create", "running", s_start, null, "web-2: starting for 3 s"));

        var result = await Cli.RunAsync("service", "deploys", "web", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"reason\": \"web-2: starting for 3 s\"", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_tells_the_rollout_in_flight()
    {
        Stub.Services[0] = Stub.Services[0] with
        {
            Revision = 2,
            DeployedRevision = 1,
            Deployment = new DeploymentDto(2, 1, "update", "running", s_start, null, "web-2: health check failing for 40 s: HTTP 502 on /health"),
        };

        var result = await Cli.RunAsync("service", "show", "web");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2 (rolling out from 1: web-2: health check failing for 40 s: HTTP 502 on /health)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_create_sends_the_rollout_options()
    {
        var result = await Cli.RunAsync("service", "create", "api", "--image", "nginx", "--min-health", "0.5", "--parallelism", "2",
            "--update-order", "stop-first", "--failure-action", "pause", "--monitor", "30s", "--update-interval", "1m", "--drain", "500ms");

        Assert.Equal(0, result.ExitCode);
        var (_, body) = Assert.Single(Stub.Received, r => r.Request == "POST /v1/grids/default/services");
        var request = System.Text.Json.JsonSerializer.Deserialize<ServiceCreateRequest>(body, Satama.Client.SatamaClient.Json)!;
        Assert.Equal(new RolloutDto(0.5, 2, 60, "stop-first", "pause", 30, 0.5), request.Rollout);
    }

    [Fact]
    public async Task A_bad_rollout_duration_is_refused_before_anything_is_sent()
    {
        var result = await Cli.RunAsync("service", "create", "api", "--image", "nginx", "--monitor", "soon");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--monitor 'soon' is not a duration like 500ms, 5s, 1m30s", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Stub.Received, r => r.Request.StartsWith("POST", StringComparison.Ordinal));
    }
}
