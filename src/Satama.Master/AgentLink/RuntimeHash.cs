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
        json.WriteEndObject();
    }

    private static void WriteNonZero(Utf8JsonWriter json, string name, long value)
    {
        if (value != 0)
        {
            json.WriteNumber(name, value);
        }
    }
}
