using Satama.Core.Model;
using Satama.Protocol;

namespace Satama.Agent.MasterLink;

/// <summary>The wire's <see cref="HostOptions"/> onto Core's <see cref="RuntimeSpec"/>.</summary>
internal static class HostOptionsMapping
{
    public static RuntimeSpec With(RuntimeSpec runtime, HostOptions? wire) => wire is null
        ? runtime
        : runtime with
        {
            Dns = [.. wire.Dns],
            DnsSearch = [.. wire.DnsSearch],
            Devices = [.. wire.Devices],
            Pid = wire.Pid.Length > 0 ? wire.Pid : null,
            LogDriver = wire.LogDriver.Length > 0 ? wire.LogDriver : null,
            LogOptions = new Dictionary<string, string>(wire.LogOptions),
        };
}
