using System.Globalization;
using Satama.Client.Dtos;

namespace Satama.Cli.Commands.Service;

/// <summary>How service show prints a health check and an instance's health.</summary>
internal static class ServiceHealthText
{
    public static string Check(HealthCheckDto? check)
    {
        if (check is null)
        {
            return "(none: ready when its first port accepts TCP)";
        }
        var what = check.Type switch
        {
            "http" => $"http GET :{Int(check.Port)}{check.Path}",
            "tcp" => $"tcp :{Int(check.Port)}",
            _ => $"command {string.Join(" ", check.Command ?? [])}",
        };
        return $"{what} every {Seconds(check.IntervalSeconds)}, timeout {Seconds(check.TimeoutSeconds)}, {Int(check.Retries ?? 3)} retries"
            + (check.StartPeriodSeconds is > 0 ? $", start period {Seconds(check.StartPeriodSeconds)}" : "");
    }

    /// <summary>healthy, starting, unhealthy, or "-" when the instance does not run.</summary>
    public static string Instance(InstanceDto instance) =>
        instance.State != "running" || instance.Health is null or "" or "none" ? "-" : instance.Health;

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double? seconds) => (seconds ?? 0).ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
