using Satama.Core.Doctor;
using Satama.Protocol;

namespace Satama.Master.Doctor;

/// <summary>The preflight's facts from the agent's <see cref="NodeInfo"/>, with the clock skew measured on receipt.</summary>
internal static class DoctorFactsMapping
{
    /// <param name="info">What the agent sent (Hello, or the answer to a DoctorRequest).</param>
    /// <param name="receivedAt">The master's clock when the message arrived: skew = the agent's clock then minus it.</param>
    public static NodeFacts ToFacts(NodeInfo info, DateTimeOffset receivedAt) => new()
    {
        DockerVersion = info.DockerVersion,
        Kernel = info.Kernel,
        StorageDriver = info.StorageDriver,
        DriverStatus = new Dictionary<string, string>(info.DriverStatus),
        LogDriver = info.LogDriver,
        LogOptions = info.LogOptionsKnown ? new Dictionary<string, string>(info.LogOptions) : null,
        CgroupVersion = info.CgroupVersion,
        DockerRootDir = info.DockerRootDir,
        DiskFreeBytes = info.HasDiskFreeBytes ? info.DiskFreeBytes : null,
        DiskTotalBytes = info.HasDiskTotalBytes ? info.DiskTotalBytes : null,
        ClockSkew = info.ClockUnixMs > 0 ? TimeSpan.FromMilliseconds(info.ClockUnixMs - receivedAt.ToUnixTimeMilliseconds()) : null,
    };

    public static DoctorDocument Diagnose(NodeInfo info, DateTimeOffset receivedAt, string source) =>
        new(receivedAt, source, NodeDoctor.Diagnose(ToFacts(info, receivedAt)));
}
