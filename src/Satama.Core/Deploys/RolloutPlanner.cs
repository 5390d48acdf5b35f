using System.Globalization;
using Satama.Core.Model;

namespace Satama.Core.Deploys;

/// <summary>
/// The pure rolling-deploy planner: from a snapshot of a service's instances, the next step
/// toward every slot running the target revision healthy, never taking the healthy slots
/// below <see cref="RolloutRequest.Floor"/>. Level-triggered: it remembers nothing, so the
/// controller calls it again after every step and every health change.
/// </summary>
public static class RolloutPlanner
{
    public static RolloutStep Next(RolloutRequest request)
    {
        var slots = Slots(request);

        var late = slots
            .Select(s => s.New)
            .OfType<RolloutInstanceView>()
            .Where(n => !n.IsHealthy && n.CreatedAt is { } created && request.Now - created > request.HealthyDeadline)
            .OrderBy(n => n.CreatedAt)
            .ThenBy(n => n.Number)
            .FirstOrDefault();
        if (late is not null)
        {
            var reason = $"{Name(request, late)}: not healthy within {Seconds(request.HealthyDeadline)} s{Detail(late)}";
            return RolloutStep.Failed(reason, request.PreviousRevision);
        }

        if (slots.All(s => s.New is { IsHealthy: true } && s.Old.Count == 0))
        {
            return RolloutStep.Done($"{request.Instances} of {request.Instances} instances at revision {request.TargetRevision}, healthy");
        }

        var step = request.Order == RolloutOrder.StartFirst ? StartFirst(request, slots) : StopFirst(request, slots);
        if (step.Stop.Count > 0 || step.Start.Count > 0)
        {
            return step;
        }
        return RolloutStep.Wait(WaitReason(request, slots));
    }

    /// <summary>
    /// Start-first: a new instance starts beside the old one; the old one stops only once its
    /// replacement is healthy, so no step lowers the healthy slots.
    /// </summary>
    private static RolloutStep StartFirst(RolloutRequest request, List<Slot> slots)
    {
        var stop = new List<RolloutInstanceRef>();
        var start = new List<int>();
        foreach (var slot in slots.Where(s => s.New is { IsHealthy: true }))
        {
            stop.AddRange(slot.Old.Select(o => o.Ref));
        }
        var inFlight = slots.Count(s => s.New is { IsHealthy: false });
        foreach (var slot in slots.Where(s => s.New is null && s.Old.Count == 0))
        {
            // An empty slot costs nothing to fill: nothing serves there anyway.
            start.Add(slot.Number);
            inFlight++;
        }
        foreach (var slot in slots.Where(s => s.New is null && s.Old.Count > 0).OrderBy(s => s.Old.Any(o => o.IsHealthy)).ThenBy(s => s.Number))
        {
            if (inFlight >= request.BatchSize)
            {
                break;
            }
            start.Add(slot.Number);
            inFlight++;
        }
        return Proceed(stop, start, request);
    }

    /// <summary>
    /// Stop-first: a slot is replaced in one step (stop old, start new). Slots whose old
    /// instance is not healthy go first, as they cost no health; each healthy one spends one
    /// unit of the budget (healthy slots − floor), and the batch caps what is in flight.
    /// </summary>
    private static RolloutStep StopFirst(RolloutRequest request, List<Slot> slots)
    {
        var stop = new List<RolloutInstanceRef>();
        var start = new List<int>();
        var healthy = slots.Count(s => s.Healthy);
        var budget = healthy - request.Floor;
        var inFlight = slots.Count(s => s.New is { IsHealthy: false } && s.Old.Count == 0);
        foreach (var slot in slots.Where(s => s.New is { IsHealthy: true }))
        {
            // Left over from a replace whose stop the engine had not yet shown: costs nothing.
            stop.AddRange(slot.Old.Select(o => o.Ref));
        }
        foreach (var slot in slots.Where(s => s.New is null && s.Old.Count == 0))
        {
            start.Add(slot.Number);
            inFlight++;
        }
        var pending = slots
            .Where(s => s.New is not { IsHealthy: true } && s.Old.Count > 0)
            .OrderBy(s => s.Healthy)
            .ThenBy(s => s.New is null)
            .ThenBy(s => s.Number);
        foreach (var slot in pending)
        {
            var cost = slot.Healthy ? 1 : 0;
            if ((cost > 0 && cost > budget) || (slot.New is null && inFlight >= request.BatchSize))
            {
                continue;
            }
            budget -= cost;
            stop.AddRange(slot.Old.Select(o => o.Ref));
            if (slot.New is null)
            {
                start.Add(slot.Number);
                inFlight++;
            }
        }
        return Proceed(stop, start, request);
    }

    private static RolloutStep Proceed(List<RolloutInstanceRef> stop, List<int> start, RolloutRequest request)
    {
        var reason = $"replacing {start.Count} and stopping {stop.Count} for revision {request.TargetRevision}";
        return new RolloutStep(RolloutStepKind.Proceed, stop, start, reason);
    }

    private static string WaitReason(RolloutRequest request, List<Slot> slots)
    {
        var waiting = slots
            .Select(s => s.New)
            .OfType<RolloutInstanceView>()
            .Where(n => !n.IsHealthy)
            .OrderBy(n => n.Health == InstanceHealth.Unhealthy ? 0 : 1)
            .ThenBy(n => n.HealthSince ?? n.CreatedAt ?? request.Now)
            .ThenBy(n => n.Number)
            .FirstOrDefault();
        if (waiting is null)
        {
            var healthy = slots.Count(s => s.Healthy);
            return $"{healthy} of {request.Instances} instances healthy, {request.Floor} must stay healthy";
        }
        var name = Name(request, waiting);
        var since = waiting.HealthSince ?? waiting.CreatedAt;
        var took = since is { } at ? $" for {Seconds(request.Now - at)} s" : "";
        if (!waiting.Running)
        {
            return $"{name}: not running{took}{Detail(waiting)}";
        }
        return waiting.Health == InstanceHealth.Unhealthy
            ? $"{name}: health check failing{took}{Detail(waiting)}"
            : $"{name}: starting{took}{Detail(waiting)}";
    }

    private static List<Slot> Slots(RolloutRequest request)
    {
        var numbers = request.SlotNumbers ?? Enumerable.Range(1, request.Instances).ToList();
        var byNumber = request.Existing.ToLookup(i => i.Number);
        var slots = new List<Slot>(numbers.Count);
        foreach (var number in numbers)
        {
            var here = byNumber[number].ToList();
            var fresh = here.Where(i => i.Revision == request.TargetRevision).OrderByDescending(i => i.IsHealthy).FirstOrDefault();
            var old = here.Where(i => i.Revision != request.TargetRevision).ToList();
            slots.Add(new Slot(number, fresh, old));
        }
        return slots;
    }

    private static string Name(RolloutRequest request, RolloutInstanceView instance) => InstanceNames.Instance(request.Service, instance.Number);

    private static string Detail(RolloutInstanceView instance) =>
        string.IsNullOrEmpty(instance.HealthDetail) ? "" : $": {instance.HealthDetail}";

    private static string Seconds(TimeSpan span) => Math.Max(0, (long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private sealed record Slot(int Number, RolloutInstanceView? New, List<RolloutInstanceView> Old)
    {
        public bool Healthy => New is { IsHealthy: true } || Old.Any(o => o.IsHealthy);
    }
}
