using Satama.Client;
using Satama.Client.Dtos;
using Satama.Testing;

namespace Satama.E2E.Fixtures;

/// <summary>Waits on a service's reported state, describing what was last seen on timeout.</summary>
public static class ServiceWaits
{
    public static Task<ServiceDto> UntilRunningAsync(this SatamaClient client, string grid, string service, int running, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(
            () => client.GetServiceAsync(grid, "null", service),
            s => s.Running == running && s.InstanceList.Count == running && s.InstanceList.All(i => i.State == "running"),
            $"{service} to have {running} running instances",
            timeout,
            Describe);

    public static string Describe(ServiceDto s) =>
        $"running {s.Running}/{s.Instances}: " + string.Join(", ", s.InstanceList.Select(i => $"{i.Name}@{i.Node}={i.State}(r{i.RestartCount})")) +
        (s.Problems.Count > 0 ? " problems: " + string.Join("; ", s.Problems) : "");
}
