using Satama.Core.Model;
using Satama.Master.Store;

namespace Satama.Master.Stacks;

/// <summary>
/// Writes a stack plan to the store: services are created and updated in start order (the scheduler places, and
/// agents start, them as they come), then removed ones are deleted.
/// </summary>
internal static class StackApplier
{
    private const int DeleteAttempts = 10;

    /// <summary>Applies every step; returns the services created, so that a failed install can take them back.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(IStore store, string grid, string stack, IReadOnlyList<StackServicePlan> plans,
        CancellationToken ct)
    {
        var created = new List<string>();
        foreach (var plan in plans)
        {
            var key = ServiceKey.Of(stack, plan.Service);
            switch (plan.Change)
            {
                case StackPlanner.Added:
                    if (await store.CreateAsync(ResourceKinds.Service, grid, key, StoreJson.Write(plan.Write!), StoreJson.Write(ServiceStatusDocument.Empty), ct) is null)
                    {
                        throw new StackConflictException($"service '{stack}/{plan.Service}' appeared in grid '{grid}' meanwhile", created);
                    }
                    created.Add(plan.Service);
                    break;
                case StackPlanner.Changed or StackPlanner.Scaled:
                    await UpdateAsync(store, grid, key, plan, ct);
                    break;
                case StackPlanner.Removed:
                    await DeleteServiceAsync(store, grid, key, ct);
                    break;
            }
        }
        return created;
    }

    /// <summary>Removes a service row, whatever revision it moved to meanwhile; false when it was already gone.</summary>
    public static async Task<bool> DeleteServiceAsync(IStore store, string grid, string key, CancellationToken ct) =>
        await DeleteAsync(store, ResourceKinds.Service, grid, key, ct);

    public static async Task<bool> DeleteAsync(IStore store, string kind, string grid, string name, CancellationToken ct)
    {
        for (var attempt = 0; attempt < DeleteAttempts; attempt++)
        {
            var row = await store.GetAsync(kind, grid, name, ct);
            if (row is null)
            {
                return false;
            }
            if (await store.DeleteAsync(kind, grid, name, row.Revision, ct))
            {
                return true;
            }
        }
        throw new StackConflictException($"{kind} '{name}' kept changing while it was being removed; try again", []);
    }

    // The stored row is the base (a scale or restart may have happened since the plan was made): a change takes the
    // stored revision + 1, a scale keeps it.
    private static async Task UpdateAsync(IStore store, string grid, string key, StackServicePlan plan, CancellationToken ct)
    {
        var want = plan.Write!;
        var row = await store.UpdateWithRetryAsync(ResourceKinds.Service, grid, key, current =>
        {
            var stored = StoreJson.Read<ServiceSpec>(current.Spec);
            var next = plan.Change == StackPlanner.Changed ? want with { Revision = stored.Revision + 1 } : stored with { Instances = want.Instances, Lb = want.Lb };
            return (StoreJson.Write(next), null);
        }, ct);
        if (row is null)
        {
            // Removed by hand since the plan was made: create it again.
            await store.CreateAsync(ResourceKinds.Service, grid, key, StoreJson.Write(want), StoreJson.Write(ServiceStatusDocument.Empty), ct);
        }
    }
}
