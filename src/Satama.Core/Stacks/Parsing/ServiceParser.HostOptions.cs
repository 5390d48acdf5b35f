using Satama.Core.Model;
using Satama.Core.Stacks.Model;
using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

internal static partial class ServiceParser
{
    /// <summary><c>dns</c>, <c>dns_search</c>, <c>devices</c>, <c>pid</c> and the logging driver, each problem at the item that has it.</summary>
    private static void CheckHostOptions(ParseContext ctx, YamlMapping map, string path, StackServiceSpec svc)
    {
        Check(ctx, map, path, "dns", svc.Dns, s => s, RuntimeValidator.CheckDns);
        Check(ctx, map, path, "dns_search", svc.DnsSearch, s => s, RuntimeValidator.CheckDnsSearch);
        Check(ctx, map, path, "devices", svc.Devices, s => s, RuntimeValidator.CheckDevice);
        Check(ctx, map, path, "pid", svc.Pid is { } pid ? [pid] : [], s => s, RuntimeValidator.CheckPid);
        if (svc.Logging?.Driver is { } driver)
        {
            var (node, key) = (map["logging"] as YamlMapping)?["driver"] is { } written ? (written, "logging.driver") : (map["log_driver"], "log_driver");
            if (node is not null && RuntimeValidator.CheckLogDriver(driver) is { } error)
            {
                ctx.Error(node, ParseContext.Join(path, key), error);
            }
        }
    }
}
