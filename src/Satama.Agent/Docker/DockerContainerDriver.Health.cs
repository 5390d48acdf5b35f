using System.Globalization;
using Satama.Agent.Health;

namespace Satama.Agent.Docker;

internal sealed partial class DockerContainerDriver : IHealthDriver
{
    public async Task<HealthTarget?> InspectHealthAsync(string nameOrId, CancellationToken ct)
    {
        var inspect = await TryInspectAsync(nameOrId, ct);
        if (inspect is null)
        {
            return null;
        }
        var exposed = (inspect.Config?.ExposedPorts?.Keys ?? [])
            .Select(k => k.Split('/'))
            .Where(p => p.Length == 1 || p[1] == "tcp")
            .Select(p => int.TryParse(p[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 0)
            .Where(p => p > 0)
            .Order()
            .ToList();
        var test = inspect.Config?.Healthcheck?.Test;
        var hasCheck = test is { Count: > 0 } && test[0] != "NONE";
        var health = inspect.State?.Health;
        var last = health?.Log?.LastOrDefault();
        var detail = last is null ? "" : $"exit {last.ExitCode.ToString(CultureInfo.InvariantCulture)}: {last.Output?.Trim()}";
        var ip = DockerMapping.ToView(inspect).IpAddress;
        return new HealthTarget(inspect.ID, ip, exposed, hasCheck ? health?.Status ?? "starting" : null, detail);
    }
}
