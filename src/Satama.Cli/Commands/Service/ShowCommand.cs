using System.Globalization;
using Satama.Cli.Output;
using Satama.Client.Dtos;

namespace Satama.Cli.Commands.Service;

/// <summary>satama service show NAME: the spec, every instance and what is wrong.</summary>
internal sealed class ShowCommand(CliEnvironment environment) : NamedServiceCommand<NameSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, NameSettings settings, CancellationToken ct)
    {
        var name = ServiceName.Parse(settings.Name);
        var s = await session.Client.GetServiceAsync(session.Grid, name.Stack, name.Name, ct);
        session.Printer.Print(s, w => Write(w, s));
        return ExitCodes.Ok;
    }

    private static void Write(TextWriter w, ServiceDto s)
    {
        var details = new Details()
            .Add("Name", $"{s.Stack}/{s.Name}")
            .Add("Grid", s.Grid)
            .Add("Image", s.Image)
            .Add("Instances", $"{ServiceText.Instances(s)} running, {s.Healthy.ToString(CultureInfo.InvariantCulture)} healthy")
            .Add("Ports", ServiceText.Ports(s.Ports))
            .Add("Command", s.Command.Count == 0 ? "(image default)" : string.Join(" ", s.Command.Select(Quote)))
            .Add("Env", s.Env.Count == 0 ? "-" : string.Join(" ", s.Env.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}")))
            .Add("Health", ServiceHealthText.Check(s.HealthCheck))
            .Add("Restart", s.Restart)
            .Add("Rollout", Rollout(s))
            .Add("Revision", Revision(s))
            .Add("Updated", s.Updated.UtcDateTime.ToString("u", CultureInfo.InvariantCulture));
        if (s.Secrets is { Count: > 0 })
        {
            details.Add("Secrets", SecretOptions.Describe(s.Secrets));
        }
        if (RuntimeText.Describe(s.Runtime) is { } runtime)
        {
            details.Add("Runtime", runtime);
        }
        if (s.Entrypoint is { Count: > 0 })
        {
            details.Add("Entrypoint", string.Join(" ", s.Entrypoint.Select(Quote)));
        }
        if (s.Mounts is { Count: > 0 })
        {
            details.Add("Mounts", RuntimeText.Mounts(s.Mounts));
        }
        if (s.Configs is { Count: > 0 })
        {
            details.Add("Configs", string.Join(", ", s.Configs.Select(c => $"{c.Name} at {c.Target}")));
        }
        details.WriteTo(w);
        w.WriteLine();
        var table = new TextTable("INSTANCE", "NODE", "STATE", "HEALTH", "RESTARTS", "CONTAINER");
        foreach (var i in s.InstanceList.OrderBy(i => i.Number))
        {
            var state = i.ExitCode is { } code && i.State != "running" ? $"{i.State} ({code})" : i.State;
            table.Add(i.Name, i.Node ?? "-", state, ServiceHealthText.Instance(i), i.RestartCount.ToString(CultureInfo.InvariantCulture), Short(i.ContainerId));
        }
        table.WriteTo(w);
        var problems = s.Problems
            .Concat(s.InstanceList.Where(i => i.Error is not null).Select(i => $"{i.Name}: {i.Error}"))
            .Concat(s.InstanceList.Where(i => i.Health is "unhealthy" or "starting" && !string.IsNullOrEmpty(i.HealthDetail)).Select(i => $"{i.Name}: {i.Health}: {i.HealthDetail}"))
            .ToList();
        if (problems.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("Problems:");
            foreach (var p in problems)
            {
                w.WriteLine("  " + p);
            }
        }
    }

    // "4", or "4 (rolling out from 3: web-2: starting for 3 s)" while a rollout is in flight.
    private static string Revision(ServiceDto s) => s.Deployment is { } d
        ? $"{s.Revision.ToString(CultureInfo.InvariantCulture)} ({(d.State == "paused" ? "rollout stopped" : d.Kind == "rollback" ? "rolling back" : "rolling out")}" +
          $"{(s.DeployedRevision > 0 && s.DeployedRevision != s.Revision ? $" from {s.DeployedRevision.ToString(CultureInfo.InvariantCulture)}" : "")}: {d.Reason})"
        : s.Revision.ToString(CultureInfo.InvariantCulture);

    // "start-first, min_health 0.8, monitor 120 s, on failure rollback, drain 3 s"
    private static string Rollout(ServiceDto s)
    {
        if (s.Rollout is not { } r)
        {
            return "-";
        }
        var order = r.Order ?? (s.Ports.Count == 0 ? "start-first" : "stop-first");
        var parts = new List<string> { order, $"min_health {N(r.MinHealth ?? 0.8)}" };
        if (r.Parallelism is { } p)
        {
            parts.Add($"{N(p)} at a time");
        }
        if (r.IntervalSeconds is > 0)
        {
            parts.Add($"interval {N(r.IntervalSeconds.Value)} s");
        }
        parts.Add($"monitor {N(r.MonitorSeconds ?? 120)} s");
        parts.Add($"on failure {r.FailureAction ?? "rollback"}");
        parts.Add($"drain {N(r.DrainSeconds ?? 3)} s");
        return string.Join(", ", parts);
    }

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Short(string? id) => id is null ? "-" : id.Length > 12 ? id[..12] : id;

    private static string Quote(string arg) => arg.Length > 0 && !arg.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"') ? arg : $"'{arg.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
