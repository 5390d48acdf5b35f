using System.Text.Json;
using Satama.Core.Model;
using Satama.Protocol;

namespace Satama.Master.AgentLink;

/// <summary>The DNS, device, PID and logging options of a <see cref="RuntimeSpec"/>: on the wire and in its hash.</summary>
internal static class HostOptionsWire
{
    /// <summary>Null when the service sets none of them.</summary>
    public static HostOptions? ToWire(RuntimeSpec runtime)
    {
        if (!HasAny(runtime))
        {
            return null;
        }
        var wire = new HostOptions { Pid = runtime.Pid ?? "", LogDriver = runtime.LogDriver ?? "" };
        wire.Dns.AddRange(runtime.Dns);
        wire.DnsSearch.AddRange(runtime.DnsSearch);
        wire.Devices.AddRange(runtime.Devices);
        wire.LogOptions.Add(runtime.LogOptions.ToDictionary());
        return wire;
    }

    /// <summary>Each one only when set, so the hash of a service without them stays what it was.</summary>
    public static void WriteHash(Utf8JsonWriter json, RuntimeSpec runtime)
    {
        // DNS servers and search domains keep their order (the resolver tries them in turn); devices are a set.
        WriteList(json, "dns", runtime.Dns);
        WriteList(json, "dnsSearch", runtime.DnsSearch);
        WriteList(json, "devices", [.. runtime.Devices.Order(StringComparer.Ordinal)]);
        if (runtime.Pid is { } pid)
        {
            json.WriteString("pid", pid);
        }
        if (runtime.LogDriver is { } driver)
        {
            json.WriteString("logDriver", driver);
        }
        WriteList(json, "logOptions", [.. runtime.LogOptions.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}")]);
    }

    private static bool HasAny(RuntimeSpec runtime) =>
        runtime.Dns.Count > 0 || runtime.DnsSearch.Count > 0 || runtime.Devices.Count > 0 || runtime.Pid is not null
        || runtime.LogDriver is not null || runtime.LogOptions.Count > 0;

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}
