using Satama.Client.Dtos;
using Satama.Core.Model;

namespace Satama.Cli.Commands.Service;

/// <summary>The --health-* options of service create, as a Core check (for local validation) and its DTO.</summary>
internal static class HealthOptions
{
    /// <summary>Null when no --health-* option is given.</summary>
    public static (HealthCheck Check, HealthCheckDto Dto)? Parse(CreateSettings s, List<string> problems)
    {
        var kinds = new[] { s.HealthHttp is not null, s.HealthTcp is not null, s.HealthCmd is not null }.Count(k => k);
        var tuning = s.HealthPort is not null || s.HealthInterval is not null || s.HealthTimeout is not null
            || s.HealthRetries is not null || s.HealthStartPeriod is not null;
        if (kinds == 0)
        {
            if (tuning)
            {
                problems.Add("--health-port, --health-interval, --health-timeout, --health-retries and --health-start-period need a check: --health-http, --health-tcp or --health-cmd");
            }
            return null;
        }
        if (kinds > 1)
        {
            problems.Add("give only one of --health-http, --health-tcp and --health-cmd");
            return null;
        }
        var check = new HealthCheck();
        if (s.HealthHttp is { } path)
        {
            if (s.HealthPort is null)
            {
                problems.Add("--health-http needs --health-port");
            }
            check = check with { Type = HealthCheckType.Http, Path = path, Port = s.HealthPort ?? 0 };
        }
        else if (s.HealthTcp is { } port)
        {
            if (s.HealthPort is not null)
            {
                problems.Add("--health-port is for --health-http; --health-tcp takes its own port");
            }
            check = check with { Type = HealthCheckType.Tcp, Port = port };
        }
        else
        {
            if (s.HealthPort is not null)
            {
                problems.Add("--health-port is for --health-http");
            }
            var command = ShellWords.Split(s.HealthCmd!, out var problem);
            if (problem is not null)
            {
                problems.Add("--health-cmd: " + problem);
            }
            check = check with { Type = HealthCheckType.Command, Command = command };
        }
        check = check with
        {
            Interval = Duration(s.HealthInterval, "--health-interval", problems) ?? check.Interval,
            Timeout = Duration(s.HealthTimeout, "--health-timeout", problems) ?? check.Timeout,
            Retries = s.HealthRetries ?? check.Retries,
            StartPeriod = Duration(s.HealthStartPeriod, "--health-start-period", problems) ?? check.StartPeriod,
        };
        var dto = new HealthCheckDto(
            check.Type.ToString().ToLowerInvariant(),
            check.Port,
            check.Type == HealthCheckType.Http ? check.Path : null,
            check.Type == HealthCheckType.Command ? check.Command : null,
            IntervalSeconds: check.Interval.TotalSeconds,
            TimeoutSeconds: check.Timeout.TotalSeconds,
            Retries: check.Retries,
            StartPeriodSeconds: check.StartPeriod.TotalSeconds);
        return (check, dto);
    }

    /// <summary>500ms, 5s, 1m30s, 2h; a bare number is seconds.</summary>
    public static TimeSpan? Duration(string? text, string option, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }
        if (!Durations.TryParse(text, out var duration))
        {
            problems.Add($"{option} '{text}' is not a duration like 500ms, 5s, 1m30s");
            return null;
        }
        return duration;
    }
}
