using Satama.Client.Dtos;
using Satama.Master.Api;
using Satama.Master.Store;

namespace Satama.Master.Stacks;

/// <summary>Maps stored stacks to the REST DTOs.</summary>
internal static class StackViews
{
    public static StackDto Stack(GridView grid, StoredResource row)
    {
        var doc = StoreJson.Read<StackDocument>(row.Spec);
        var order = doc.Services.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        var services = grid.Services
            .Where(s => s.Spec.Stack == doc.Name)
            .OrderBy(s => order.GetValueOrDefault(s.Spec.Name, int.MaxValue))
            .ThenBy(s => s.Spec.Name, StringComparer.Ordinal)
            .Select(s => DtoMapper.Service(grid, s))
            .ToList();
        return new StackDto(grid.Name, doc.Name, doc.Revision, doc.Source.File, doc.Description, State(services, doc.Updated), doc.Author, row.Created, doc.Updated, services);
    }

    public static StackRevisionDto Revision(StackRevisionDocument doc) =>
        new(doc.Revision, doc.Action, doc.RolledBackTo, doc.Source.File, doc.Author, doc.Created, doc.Services);

    public static StackServiceChangeDto Change(StackServicePlan plan) => new(plan.Service, plan.Change, plan.Fields);

    // running: every rollout has finished and every wanted instance runs the current revision; stopped: no instance is
    // wanted; failed: a rollout stopped after a failure, is rolling back, or rolled back since the stack last changed.
    private static string State(IReadOnlyList<ServiceDto> services, DateTimeOffset updated)
    {
        if (services.All(s => s.Instances == 0))
        {
            return "stopped";
        }
        if (services.Any(s => s.Deployment is { State: "paused" } or { Kind: "rollback" }
            || (s.Deployment is null && s.LastDeployment is { Kind: "rollback" } last && last.Started >= updated)))
        {
            return "failed";
        }
        var ready = services.All(s => s.Deployment is null && s.Running == s.Instances
            && s.InstanceList.Count(i => i.State == "running" && i.Revision >= s.Revision) == s.Instances);
        return ready ? "running" : "deploying";
    }
}
