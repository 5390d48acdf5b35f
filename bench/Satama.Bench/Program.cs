using Satama.Bench;

// dotnet run -c Release --project bench/Satama.Bench -- [skeleton|stacks|rollout|scheduler|lb|overlay|hostloss] [--runs N]
// lb --access-log: with the load balancer's access log on (HAProxy still logs nothing)
var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).FirstOrDefault(3);
var which = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _)) ?? "skeleton";
switch (which)
{
    case "skeleton":
        await SkeletonBench.RunAsync(runs);
        return 0;
    case "lb":
        await LbBench.RunAsync(runs, accessLog: args.Contains("--access-log"));
        return 0;
    case "stacks":
        StackParseBench.Run(runs);
        return 0;
    case "rollout":
        await RolloutBench.RunAsync(runs);
        return 0;
    case "scheduler":
        SchedulerBench.Run(runs);
        await MasterSchedulerBench.RunAsync();
        return 0;
    case "overlay":
        await OverlayBench.RunAsync(runs);
        return 0;
    case "hostloss":
        await HostLossBench.RunAsync(runs);
        return 0;
    default:
        Console.Error.WriteLine($"error: unknown benchmark '{which}'; benchmarks: skeleton, stacks, rollout, scheduler, lb, overlay, hostloss");
        return 2;
}
