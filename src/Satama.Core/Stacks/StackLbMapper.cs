using Satama.Core.Model;
using Satama.Core.Stacks.Model;

namespace Satama.Core.Stacks;

/// <summary>A stack service's <c>lb:</c> as the <see cref="LbSpec"/> the master routes by, defaults filled in.</summary>
public static class StackLbMapper
{
    public static LbSpec? ToLb(StackLbSpec? lb) => lb is null ? null : new LbSpec
    {
        Hosts = [.. lb.Hosts],
        Path = lb.Path ?? "/",
        StripPath = lb.StripPath ?? false,
        Port = lb.Port ?? LbSpec.DefaultPort,
        Sticky = lb.Sticky ?? false,
        TlsSecret = lb.TlsSecret,
        RedirectHttps = lb.RedirectHttps ?? false,
    };
}
