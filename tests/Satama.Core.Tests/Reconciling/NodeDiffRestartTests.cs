using Satama.Core.Model;
using Satama.Core.Reconciling;
using static Satama.Core.Tests.Reconciling.NodeDiffBuilder;

namespace Satama.Core.Tests.Reconciling;

public sealed class NodeDiffRestartTests
{
    private static readonly TimeSpan s_short = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData(RestartPolicy.Always, 0, true)]
    [InlineData(RestartPolicy.Always, 1, true)]
    [InlineData(RestartPolicy.Always, 137, true)]
    [InlineData(RestartPolicy.OnFailure, 0, false)]
    [InlineData(RestartPolicy.OnFailure, 1, true)]
    [InlineData(RestartPolicy.OnFailure, 137, true)]
    [InlineData(RestartPolicy.No, 0, false)]
    [InlineData(RestartPolicy.No, 1, false)]
    public void Restarts_an_exited_container_only_when_its_policy_says_so(RestartPolicy policy, int exitCode, bool restarts)
    {
        var web1 = Want("web", restart: policy);

        var plan = NodeDiff.Compute(Desired(web1), [Exited(web1, exitCode, s_short, Now.AddMinutes(-1))], NoRestarts, Now);

        Assert.Equal(restarts, plan.Actions.Any(a => a.Kind == NodeActionKind.Start));
        Assert.DoesNotContain(plan.Actions, a => a.Kind != NodeActionKind.Start);
    }

    [Fact]
    public void A_restart_increments_the_count_and_the_consecutive_restarts()
    {
        var web1 = Want("web");
        var records = new Dictionary<string, RestartRecord> { [web1.Name] = new(4, 2, Now.AddMinutes(-1)) };

        var plan = NodeDiff.Compute(Desired(web1), [Exited(web1, 1, s_short, Now.AddMinutes(-1))], records, Now);

        var start = Assert.Single(plan.Actions);
        Assert.Equal(new RestartRecord(5, 3, Now), start.Restart);
    }

    [Fact]
    public void Waits_for_the_backoff_before_restarting_and_says_when_to_look_again()
    {
        var web1 = Want("web");
        var records = new Dictionary<string, RestartRecord> { [web1.Name] = new(3, 3, Now.AddSeconds(-5)) };
        var exited = Exited(web1, 1, s_short, Now.AddSeconds(-2));

        var early = NodeDiff.Compute(Desired(web1), [exited], records, Now);
        var due = NodeDiff.Compute(Desired(web1), [exited], records, Now.AddSeconds(6));

        Assert.True(early.IsEmpty);
        Assert.Equal(Now.AddSeconds(6), early.WakeAt);
        Assert.Equal(NodeActionKind.Start, Assert.Single(due.Actions).Kind);
    }

    [Fact]
    public void The_backoff_resets_after_a_run_of_a_minute()
    {
        var web1 = Want("web");
        var records = new Dictionary<string, RestartRecord> { [web1.Name] = new(9, 9, Now.AddMinutes(-5)) };
        var exited = Exited(web1, 1, TimeSpan.FromSeconds(61), Now.AddSeconds(-1));

        var plan = NodeDiff.Compute(Desired(web1), [exited], records, Now);

        var start = Assert.Single(plan.Actions);
        Assert.Equal(new RestartRecord(10, 1, Now), start.Restart);
    }

    [Fact]
    public void A_short_run_keeps_the_backoff_growing()
    {
        var web1 = Want("web");
        var records = new Dictionary<string, RestartRecord> { [web1.Name] = new(9, 9, Now.AddMinutes(-5)) };
        var exited = Exited(web1, 1, TimeSpan.FromSeconds(59), Now.AddSeconds(-1));

        var plan = NodeDiff.Compute(Desired(web1), [exited], records, Now);

        Assert.True(plan.IsEmpty);
        Assert.Equal(Now.AddSeconds(29), plan.WakeAt);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(4, 16)]
    [InlineData(5, 30)]
    [InlineData(6, 30)]
    [InlineData(1000, 30)]
    [InlineData(-1, 1)]
    public void Backoff_doubles_from_one_second_and_caps_at_thirty(int consecutive, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RestartBackoff.Delay(consecutive));
    }

    [Fact]
    public void An_exited_container_without_finish_time_or_history_restarts_at_once()
    {
        var web1 = Want("web");
        var exited = Has(web1.Name, state: ContainerRunState.Exited) with { ExitCode = 2 };

        var plan = NodeDiff.Compute(Desired(web1), [exited], NoRestarts, Now);

        Assert.Equal(new RestartRecord(1, 1, Now), Assert.Single(plan.Actions).Restart);
    }
}
