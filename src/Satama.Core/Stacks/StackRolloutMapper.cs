using Satama.Core.Deploys;
using Satama.Core.Model;
using Satama.Core.Stacks.Model;

namespace Satama.Core.Stacks;

/// <summary>
/// Maps a stack service's rollout keys to <see cref="RolloutSpec"/>: Kontena <c>deploy.min_health</c> and
/// <c>deploy.interval</c>, Compose <c>deploy.update_config</c> (parallelism, delay, order, failure_action,
/// monitor as the healthy deadline). The parser has checked the values; an unreadable one keeps the default.
/// </summary>
public static class StackRolloutMapper
{
    public static RolloutSpec ToRollout(DeploySpec? deploy)
    {
        if (deploy is null)
        {
            return RolloutSpec.Default;
        }
        var rollout = RolloutSpec.Default;
        if (deploy.MinHealth is { } minHealth)
        {
            rollout = rollout with { MinHealth = minHealth };
        }
        if (Durations.TryParse(deploy.Interval ?? deploy.UpdateConfig?.Delay, out var interval))
        {
            rollout = rollout with { Interval = interval };
        }
        if (deploy.UpdateConfig is not { } update)
        {
            return rollout;
        }
        if (update.Parallelism is > 0)
        {
            rollout = rollout with { Parallelism = update.Parallelism };
        }
        rollout = update.Order switch
        {
            "start-first" => rollout with { Order = RolloutOrder.StartFirst },
            "stop-first" => rollout with { Order = RolloutOrder.StopFirst },
            _ => rollout,
        };
        if (FailureActions.TryParse(update.FailureAction, out var action))
        {
            rollout = rollout with { FailureAction = action };
        }
        if (Durations.TryParse(update.Monitor, out var monitor) && monitor > TimeSpan.Zero)
        {
            rollout = rollout with { HealthyDeadline = monitor };
        }
        return rollout;
    }

    /// <summary>Kontena's <c>wait_for_port</c>: with no health check of its own, an instance is ready when that port accepts a connection.</summary>
    public static HealthCheck? WithWaitForPort(HealthCheck? health, DeploySpec? deploy) =>
        health is null && deploy?.WaitForPort is { } port ? new HealthCheck { Type = HealthCheckType.Tcp, Port = port } : health;
}
