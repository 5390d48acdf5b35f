namespace Satama.Core.Model;

/// <summary>Checks a service spec and returns every problem at once.</summary>
public static class ServiceValidator
{
    public const int MaxInstances = 1000;

    public static IReadOnlyList<string> Validate(ServiceSpec spec)
    {
        var errors = new List<string>();
        Add(errors, Names.Check("grid", spec.Grid));
        Add(errors, Names.Check("stack", spec.Stack));
        Add(errors, Names.Check("service", spec.Name));
        Add(errors, ImageReference.Check(spec.Image));
        if (spec.Instances is < 0 or > MaxInstances)
        {
            errors.Add($"instances must be from 0 to {MaxInstances}, not {spec.Instances}");
        }
        foreach (var key in spec.Env.Keys)
        {
            if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal) || key.Contains('\0', StringComparison.Ordinal))
            {
                errors.Add($"environment variable name '{key}' is invalid");
            }
        }
        foreach (var group in spec.Ports.GroupBy(p => (p.HostPort, p.Protocol)).Where(g => g.Count() > 1))
        {
            errors.Add($"host port {group.Key.HostPort}/{group.Key.Protocol} is published more than once");
        }
        foreach (var port in spec.Ports)
        {
            if (port.HostPort is < 1 or > 65535 || port.ContainerPort is < 1 or > 65535)
            {
                errors.Add($"port {port} is out of range 1-65535");
            }
            if (port.Protocol is not ("tcp" or "udp"))
            {
                errors.Add($"port {port}: protocol must be tcp or udp");
            }
        }
        errors.AddRange(PlacementValidator.Validate(spec.Placement));
        if (spec.Health is not null)
        {
            errors.AddRange(spec.Health.Validate());
        }
        errors.AddRange(ServiceSecretValidator.Validate(spec));
        errors.AddRange(RuntimeValidator.Validate(spec.Runtime));
        return errors;
    }

    private static void Add(List<string> errors, string? error)
    {
        if (error is not null)
        {
            errors.Add(error);
        }
    }
}
