using Satama.Core.Model;
using Satama.Core.Stacks.Model;

namespace Satama.Core.Stacks;

/// <summary>
/// A stack file's health check (Compose <c>healthcheck</c>, Kontena <c>health_check</c>) as the
/// service's <see cref="HealthCheck"/>. Compose <c>disable: true</c> / <c>NONE</c> maps to null:
/// the agent then falls back to the image's HEALTHCHECK or a TCP connect to the first port.
/// </summary>
public static class StackHealthChecks
{
    public static HealthCheck? ToHealthCheck(HealthCheckSpec? spec, List<string> errors)
    {
        if (spec is null || spec.Kind == HealthCheckSpec.NoneKind)
        {
            return null;
        }
        var check = new HealthCheck
        {
            Interval = Duration(spec.Interval, "interval", errors) ?? HealthCheck.DefaultInterval,
            Timeout = Duration(spec.Timeout, "timeout", errors) ?? HealthCheck.DefaultTimeout,
            Retries = spec.Retries ?? HealthCheck.DefaultRetries,
            StartPeriod = Duration(spec.StartPeriod, "start period", errors) ?? TimeSpan.Zero,
        };
        switch (spec.Kind)
        {
            case HealthCheckSpec.HttpKind:
                return check with { Type = HealthCheckType.Http, Port = spec.Port ?? 0, Path = spec.Path ?? "/" };
            case HealthCheckSpec.TcpKind:
                return check with { Type = HealthCheckType.Tcp, Port = spec.Port ?? 0 };
            default:
                var test = spec.Test?.ToList() ?? [];
                IReadOnlyList<string> command = test switch
                {
                    ["CMD-SHELL", var script, ..] => ["/bin/sh", "-c", script],
                    ["CMD", .. var args] => args,
                    _ => [],
                };
                return check with { Type = HealthCheckType.Command, Command = command };
        }
    }

    private static TimeSpan? Duration(string? text, string what, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }
        if (Durations.TryParse(text, out var duration))
        {
            return duration;
        }
        errors.Add($"health check: {what} '{text}' is not a duration like 30s or 1m30s");
        return null;
    }
}
