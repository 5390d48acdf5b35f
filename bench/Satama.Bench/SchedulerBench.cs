using System.Diagnostics;
using System.Globalization;
using Satama.Core.Model;
using Satama.Core.Scheduling;

namespace Satama.Bench;

/// <summary>
/// bench/scheduler, the pure part: 100,000 instances on 5,000 simulated nodes through Core's
/// <see cref="InstancePlacer"/>, one plan per service in the order a master pass makes them (each plan sees
/// every instance placed before it), against the issue's target of 50,000 placements/s on 2 cores.
/// </summary>
internal static class SchedulerBench
{
    public const double TargetPerSecond = 50_000;

    // Every service planned in turn, each seeing the instances placed before it, as a master pass does.
    private static (int Placed, int Unplaced) RunOnce(List<NodeView> nodes, List<ServiceSpec> services)
    {
        var existing = new List<InstanceView>(SchedulerWorkload.Total);
        var placed = 0;
        var unplaced = 0;
        foreach (var spec in services)
        {
            var plan = InstancePlacer.Plan(new PlacementRequest(spec, nodes, existing) { Seed = 42 });
            placed += plan.Placed.Count;
            unplaced += plan.Unplaced.Count;
            existing.AddRange(plan.Assignments.Select(a => InstanceView.Of(spec, a.Instance, a.Node)));
        }
        return (placed, unplaced);
    }

    public static void Run(int runs)
    {
        var nodes = SchedulerWorkload.NodeViews();
        var services = Enumerable.Range(0, SchedulerWorkload.Services).Select(SchedulerWorkload.Service).ToList();
        var times = new List<double>();
        var cpus = new List<double>();
        var placed = 0;
        var unplaced = 0;
        for (var run = 0; run <= Math.Max(1, runs); run++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            (placed, unplaced) = RunOnce(nodes, services);
            var elapsed = watch.Elapsed.TotalSeconds;
            if (run > 0)
            {
                // Run 0 warms the JIT up.
                times.Add(elapsed);
                cpus.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
            }
        }
        var median = times.Order().ElementAt(times.Count / 2);
        var cpuMedian = cpus.Order().ElementAt(cpus.Count / 2);
        var rate = placed / median;
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(FormattableString.Invariant(
            $"scheduler (Core): {SchedulerWorkload.Total:N0} instances ({SchedulerWorkload.Services} services x {SchedulerWorkload.InstancesPerService}) on {SchedulerWorkload.Nodes:N0} nodes, ha + affinity, candidate limit {InstancePlacer.CandidateLimit(SchedulerWorkload.Nodes)}"));
        Console.WriteLine(FormattableString.Invariant(
            $"placed {placed:N0}, unplaced {unplaced:N0} in {median:0.000} s [{string.Join('/', times.Select(t => t.ToString("0.000", CultureInfo.InvariantCulture)))}]: {rate:N0} placements/s"));
        Console.WriteLine(FormattableString.Invariant(
            $"CPU time {cpuMedian:0.000} s (process, GC included): {placed / cpuMedian:N0} placements per CPU-second; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        Console.WriteLine(FormattableString.Invariant(
            $"peak memory: {self.PeakWorkingSet64 / 1048576.0:0.0} MiB RSS (process), {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:0.0} MiB GC heap after the last run"));
        Console.WriteLine(FormattableString.Invariant(
            $"ratio time / budget at {TargetPerSecond:N0}/s: {TargetPerSecond / rate:0.00}x wall, {TargetPerSecond * cpuMedian / placed:0.00}x CPU (<= 1.00 meets the target; median of {times.Count})"));
    }
}
