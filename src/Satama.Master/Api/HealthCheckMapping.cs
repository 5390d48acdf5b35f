using Satama.Client.Dtos;
using Satama.Core.Model;

namespace Satama.Master.Api;

/// <summary>The health check between its DTO and the Core model; range checks are the validator's.</summary>
internal static class HealthCheckMapping
{
    public static HealthCheck? ToSpec(HealthCheckDto? dto, List<string> errors)
    {
        if (dto is null)
        {
            return null;
        }
        HealthCheckType? type = dto.Type?.Trim().ToLowerInvariant() switch
        {
            "http" => HealthCheckType.Http,
            "tcp" => HealthCheckType.Tcp,
            "command" or "cmd" => HealthCheckType.Command,
            _ => null,
        };
        if (type is null)
        {
            errors.Add($"health check: type '{dto.Type}' is invalid: use http, tcp or command");
            return null;
        }
        var command = (dto.Command ?? []).ToList();
        if (command.Any(c => c is null))
        {
            errors.Add("health check: command has a null element");
            command.RemoveAll(c => c is null);
        }
        return new HealthCheck
        {
            Type = type.Value,
            Port = dto.Port,
            Path = dto.Path ?? "/",
            Command = command,
            ExpectedStatusMin = dto.ExpectedStatusMin ?? 200,
            ExpectedStatusMax = dto.ExpectedStatusMax ?? 399,
            Interval = Seconds(dto.IntervalSeconds, "interval", errors) ?? HealthCheck.DefaultInterval,
            Timeout = Seconds(dto.TimeoutSeconds, "timeout", errors) ?? HealthCheck.DefaultTimeout,
            Retries = dto.Retries ?? HealthCheck.DefaultRetries,
            StartPeriod = Seconds(dto.StartPeriodSeconds, "start period", errors) ?? TimeSpan.Zero,
        };
    }

    public static HealthCheckDto? ToDto(HealthCheck? check) => check is null ? null : new HealthCheckDto(
        check.Type.ToString().ToLowerInvariant(),
        check.Port,
        check.Type == HealthCheckType.Http ? check.Path : null,
        check.Type == HealthCheckType.Command ? check.Command : null,
        check.ExpectedStatusMin,
        check.ExpectedStatusMax,
        check.Interval.TotalSeconds,
        check.Timeout.TotalSeconds,
        check.Retries,
        check.StartPeriod.TotalSeconds);

    private static TimeSpan? Seconds(double? seconds, string what, List<string> errors)
    {
        if (seconds is null)
        {
            return null;
        }
        if (double.IsNaN(seconds.Value) || seconds.Value is < -1e6 or > 1e6)
        {
            errors.Add($"health check: {what} is out of range");
            return null;
        }
        return TimeSpan.FromSeconds(seconds.Value);
    }
}
