using System.Net;

namespace Satama.Agent.Lb;

internal static class LbOptionsValidator
{
    public static IEnumerable<string> Validate(LbOptions options)
    {
        if (!IPAddress.TryParse(options.BindAddress, out _))
        {
            yield return $"--lb-address '{options.BindAddress}' is not an IP address";
        }
        if (options.Threads is < 0 or > 1024)
        {
            yield return $"--lb-threads {options.Threads} is not a thread count (0-1024; 0: half the cores)";
        }
        (string Flag, int Port)[] ports = [("--lb-http-port", options.HttpPort), ("--lb-https-port", options.HttpsPort), ("--lb-metrics-port", options.MetricsPort)];
        foreach (var (flag, port) in ports.Where(p => p.Port is < 0 or > 65535))
        {
            yield return $"{flag} {port} is not a port (0-65535)";
        }
        var used = ports.Where(p => p.Port > 0).GroupBy(p => p.Port).Where(g => g.Count() > 1);
        foreach (var clash in used)
        {
            yield return $"{string.Join(" and ", clash.Select(p => p.Flag))} are both {clash.Key}";
        }
    }
}
