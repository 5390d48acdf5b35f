using Satama.Client.Dtos;
using Satama.Core.Model;

namespace Satama.Master.Api;

/// <summary>Turns a create request into a spec and collects every problem with it at once.</summary>
internal static class ServiceRequests
{
    public static (ServiceSpec Spec, List<string> Errors) ToSpec(string grid, ServiceCreateRequest request)
    {
        var errors = new List<string>();
        if (!RestartPolicies.TryParse(request.Restart, out var restart))
        {
            errors.Add($"restart policy '{request.Restart}' is invalid: use always, on-failure or no");
        }
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Env ?? new Dictionary<string, string>())
        {
            if (value is null)
            {
                errors.Add($"environment variable '{key}' has no value");
                continue;
            }
            env[key] = value;
        }
        var ports = (request.Ports ?? [])
            .Where(p => p is not null)
            .Select(p => new PortMapping(p.HostPort, p.ContainerPort, (p.Protocol ?? "tcp").Trim().ToLowerInvariant()))
            .ToList();
        var command = (request.Command ?? []).ToList();
        if (command.Any(c => c is null))
        {
            errors.Add("command has a null element");
            command.RemoveAll(c => c is null);
        }
        var health = HealthCheckMapping.ToSpec(request.HealthCheck, errors);
        var rollout = RolloutMapping.ToSpec(request.Rollout, errors);
        var spec = new ServiceSpec
        {
            Grid = grid,
            Stack = string.IsNullOrEmpty(request.Stack) ? Names.NullStack : request.Stack,
            Name = request.Name ?? "",
            Image = request.Image ?? "",
            Instances = request.Instances,
            Env = env,
            Ports = ports,
            Command = command,
            Restart = restart,
            Revision = 1,
            Health = health,
            Rollout = rollout,
            Secrets = ServiceSecretMapping.ToSpec(request.Secrets, errors),
            Runtime = RuntimeMapping.ToSpec(request.Runtime, errors),
        };
        errors.AddRange(ServiceValidator.Validate(spec));
        if (errors.Count == 0)
        {
            // Docker pulls every tag of an untagged repository: always say which one.
            spec = spec with { Image = ImageReference.Normalize(spec.Image) };
        }
        return (spec, errors);
    }
}
