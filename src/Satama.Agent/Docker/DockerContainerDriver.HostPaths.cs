using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Core.Security;

namespace Satama.Agent.Docker;

internal sealed partial class DockerContainerDriver
{
    /// <summary>
    /// <paramref name="spec"/> with each bind source checked by the <see cref="HostPathGuard"/> and replaced by its resolved
    /// path; a refused bind fails the create (reported on the instance) before anything is made for it.
    /// </summary>
    private DesiredContainerView GuardBinds(DesiredContainerView spec) =>
        spec.Mounts.Any(m => m.Type == MountType.Bind)
            ? spec with
            {
                Mounts = [.. spec.Mounts.Select(m => m.Type == MountType.Bind ? m with { Source = _hostPaths.Check(spec.Grid, m.Source ?? "", spec.AllowedBinds, "bind") } : m)],
            }
            : spec;

    /// <summary>
    /// The driver options to create a named volume with (a bound device resolved), after the guard has checked what the
    /// volume binds: its own options when it exists already (whatever created it), else the ones it is to be created with.
    /// </summary>
    private Dictionary<string, string> GuardVolume(DesiredContainerView spec, MountSpec mount, string? driver, IDictionary<string, string>? options)
    {
        var opts = new Dictionary<string, string>(options ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (HostOptions.BoundDevice(driver, opts) is { } device)
        {
            opts["device"] = _hostPaths.Check(spec.Grid, device, spec.AllowedBinds, $"volume {mount.VolumeName} (a bind)");
        }
        return opts;
    }
}
