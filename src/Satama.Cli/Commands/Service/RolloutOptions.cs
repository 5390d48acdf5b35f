using Satama.Client.Dtos;

namespace Satama.Cli.Commands.Service;

/// <summary>The rollout options of service create as a DTO; the master checks the values (and says what is wrong with each).</summary>
internal static class RolloutOptions
{
    /// <summary>Null when no rollout option is given: the master's defaults.</summary>
    public static RolloutDto? Parse(CreateSettings s, List<string> problems)
    {
        if (s.MinHealth is null && s.Parallelism is null && s.UpdateOrder is null && s.FailureAction is null
            && s.Monitor is null && s.UpdateInterval is null && s.Drain is null)
        {
            return null;
        }
        return new RolloutDto(
            s.MinHealth,
            s.Parallelism,
            HealthOptions.Duration(s.UpdateInterval, "--update-interval", problems)?.TotalSeconds,
            s.UpdateOrder,
            s.FailureAction,
            HealthOptions.Duration(s.Monitor, "--monitor", problems)?.TotalSeconds,
            HealthOptions.Duration(s.Drain, "--drain", problems)?.TotalSeconds);
    }
}
