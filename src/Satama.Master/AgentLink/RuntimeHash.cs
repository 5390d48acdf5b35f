using System.Text.Json;
using Satama.Core.Model;

namespace Satama.Master.AgentLink;

/// <summary>The canonical form of a <see cref="RuntimeSpec"/> inside <see cref="SpecHash"/>: fixed key order, maps sorted, unset keys left out.</summary>
internal static class RuntimeHash
{
    public static void Write(Utf8JsonWriter json, RuntimeSpec runtime)
    {
        json.WriteStartObject();
        if (runtime.Init)
        {
            json.WriteBoolean("init", true);
        }
        if (runtime.StopGracePeriod is { } grace)
        {
            json.WriteNumber("stopGraceTicks", grace.Ticks);
        }
        if (runtime.StopSignal is { } signal)
        {
            json.WriteString("stopSignal", signal);
        }
        WriteNonZero(json, "memoryBytes", runtime.MemoryBytes);
        WriteNonZero(json, "nanoCpus", runtime.NanoCpus);
        WriteNonZero(json, "cpuShares", runtime.CpuShares);
        WriteText(json, "user", runtime.User);
        WriteText(json, "workingDir", runtime.WorkingDir);
        WriteText(json, "hostname", runtime.Hostname);
        WritePairs(json, "labels", runtime.Labels);
        WriteFlag(json, "readOnly", runtime.ReadOnly);
        WriteSet(json, "tmpfs", runtime.Tmpfs);
        WriteSet(json, "capAdd", runtime.CapAdd);
        WriteSet(json, "capDrop", runtime.CapDrop);
        WriteFlag(json, "privileged", runtime.Privileged);
        WriteSet(json, "extraHosts", runtime.ExtraHosts);
        WriteNonZero(json, "shmSizeBytes", runtime.ShmSizeBytes);
        WritePairs(json, "sysctls", runtime.Sysctls);
        WriteSet(json, "ulimits", [.. runtime.Ulimits.Select(u => FormattableString.Invariant($"{u.Name}={u.Soft}:{u.Hard}"))]);
        HostOptionsWire.WriteHash(json, runtime);
        json.WriteEndObject();
    }

    private static void WriteNonZero(Utf8JsonWriter json, string name, long value)
    {
        if (value != 0)
        {
            json.WriteNumber(name, value);
        }
    }

    private static void WriteText(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteFlag(Utf8JsonWriter json, string name, bool value)
    {
        if (value)
        {
            json.WriteBoolean(name, true);
        }
    }

    private static void WriteSet(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }
        json.WriteStartArray(name);
        foreach (var value in values.Order(StringComparer.Ordinal))
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }

    private static void WritePairs(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> pairs)
    {
        if (pairs.Count == 0)
        {
            return;
        }
        json.WriteStartArray(name);
        foreach (var (key, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteStringValue($"{key}={value}");
        }
        json.WriteEndArray();
    }
}
