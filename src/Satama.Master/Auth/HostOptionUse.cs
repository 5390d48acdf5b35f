using Satama.Core.Model;
using Satama.Core.Security;
using Satama.Core.Stacks;

namespace Satama.Master.Auth;

/// <summary>
/// A host-level option one service of a request asks for, and where the request writes it: <c>runtime.privileged</c>
/// in an API body, <c>shop.yml:7:5: services.web.privileged</c> in a stack file.
/// </summary>
internal sealed record HostOptionUse(string Service, HostOption Option, string Where)
{
    /// <summary>The options of a spec sent as an API body (service create).</summary>
    public static IEnumerable<HostOptionUse> InRequest(ServiceSpec spec) =>
        HostOptions.Of(spec).Select(o => new HostOptionUse(spec.Name, o, o.ApiKey));

    /// <summary>The options of the services a stack file renders to, each at its key's file:line:column.</summary>
    public static IReadOnlyList<HostOptionUse> InStack(StackParseResult parse, IEnumerable<ServiceSpec> specs) =>
    [
        .. specs.SelectMany(spec => HostOptions.Of(spec).Select(o =>
        {
            var at = parse.ErrorAt($"services.{spec.Name}.{o.StackKey}", o.Why);
            return new HostOptionUse(spec.Name, o, $"{at.File}:{at.Line}:{at.Column}: {at.Path}");
        })),
    ];
}
