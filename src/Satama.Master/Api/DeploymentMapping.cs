using Satama.Client.Dtos;
using Satama.Core.Deploys;

namespace Satama.Master.Api;

/// <summary>A service's rollouts as the API shows them: the one in flight, then the finished ones, newest first.</summary>
internal static class DeploymentMapping
{
    public static DeploymentDto? Current(DeploymentState state) => state.Rollout is { } r
        ? new DeploymentDto(r.Target.Revision, r.Previous, Kind(r.Kind), r.Paused ? "paused" : "running", r.Started, null, r.Reason)
        : null;

    public static DeploymentDto? Last(DeploymentState state) => state.History.Count > 0 ? Finished(state.History[^1]) : null;

    public static List<DeploymentDto> All(DeploymentState state)
    {
        var all = state.History.Select(Finished).Reverse().ToList();
        if (Current(state) is { } current)
        {
            all.Insert(0, current);
        }
        return all;
    }

    private static DeploymentDto Finished(DeploymentRecord h) =>
        new(h.Revision, h.Previous, Kind(h.Kind), h.Outcome.ToString().ToLowerInvariant(), h.Started, h.Ended, h.Reason);

    private static string Kind(DeploymentKind kind) => kind.ToString().ToLowerInvariant();
}
