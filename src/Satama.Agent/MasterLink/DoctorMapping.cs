using Satama.Agent.Docker;
using Satama.Protocol;

namespace Satama.Agent.MasterLink;

/// <summary>The node preflight's facts on the wire: the doctor fields of <see cref="NodeInfo"/>.</summary>
internal static class DoctorMapping
{
    public static void Fill(NodeInfo info, EngineDiagnostics diagnostics)
    {
        info.DockerRootDir = diagnostics.DockerRootDir;
        foreach (var (key, value) in diagnostics.DriverStatus)
        {
            info.DriverStatus[key] = value;
        }
        info.LogOptionsKnown = diagnostics.LogOptions is not null;
        foreach (var (key, value) in diagnostics.LogOptions ?? new Dictionary<string, string>())
        {
            info.LogOptions[key] = value;
        }
        if (diagnostics.DiskFreeBytes is { } free && diagnostics.DiskTotalBytes is { } total)
        {
            info.DiskFreeBytes = free;
            info.DiskTotalBytes = total;
        }
    }
}
