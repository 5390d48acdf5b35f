using System.Globalization;
using Docker.DotNet.Models;
using Satama.Agent.Secrets;
using Satama.Core.Model;
using Satama.Core.Reconciling;

namespace Satama.Agent.Docker;

/// <summary>Translation between the agent's views and Docker.DotNet's models.</summary>
internal static partial class DockerMapping
{
    /// <param name="spec">The container; its env secrets join its environment here (their values are in memory only).</param>
    /// <param name="node">This node's name, for the labels.</param>
    /// <param name="secretFiles">Host files to bind-mount read-only (file secrets, already written; see SecretFiles).</param>
    public static CreateContainerParameters ToCreateParameters(DesiredContainerView spec, string node, IReadOnlyList<(string Source, string Target)>? secretFiles = null)
    {
        var labels = new Dictionary<string, string>(spec.Labels.Where(l => !l.Key.StartsWith(SatamaLabels.Prefix, StringComparison.Ordinal)))
        {
            [SatamaLabels.Grid] = spec.Grid,
            [SatamaLabels.Node] = node,
            [SatamaLabels.Stack] = spec.Stack,
            [SatamaLabels.Service] = spec.Service,
            [SatamaLabels.Instance] = spec.Instance.ToString(CultureInfo.InvariantCulture),
            [SatamaLabels.Revision] = spec.Revision.ToString(CultureInfo.InvariantCulture),
            [SatamaLabels.SpecHash] = spec.SpecHash,
        };
        var exposed = new Dictionary<string, EmptyStruct>();
        var bindings = new Dictionary<string, IList<PortBinding>>();
        foreach (var port in spec.Ports)
        {
            var key = $"{port.ContainerPort.ToString(CultureInfo.InvariantCulture)}/{(string.IsNullOrEmpty(port.Protocol) ? "tcp" : port.Protocol)}";
            exposed[key] = default;
            if (!bindings.TryGetValue(key, out var list))
            {
                bindings[key] = list = [];
            }
            list.Add(new PortBinding { HostIP = port.HostIp, HostPort = port.HostPort.ToString(CultureInfo.InvariantCulture) });
        }
        var parameters = new CreateContainerParameters
        {
            Name = spec.Name,
            Image = spec.Image,
            Cmd = spec.Command.Count > 0 ? [.. spec.Command] : null!,
            Entrypoint = spec.Entrypoint.Count > 0 ? [.. spec.Entrypoint] : null!,
            Env = [.. spec.Env.Select(e => $"{e.Key}={e.Value}"), .. SecretEnvironment(spec)],
            Labels = labels,
            ExposedPorts = exposed,
            HostConfig = new HostConfig
            {
                PortBindings = bindings,
                // The agent restarts containers itself (it counts and backs off); see docs/DECISIONS.md.
                RestartPolicy = new global::Docker.DotNet.Models.RestartPolicy { Name = RestartPolicyKind.No },
                Mounts = Mounts(spec, secretFiles),
            },
        };
        ApplyRuntime(spec.Runtime, parameters);
        ApplyHostOptions(spec.Runtime, parameters);
        return parameters;
    }

    private static IEnumerable<string> SecretEnvironment(DesiredContainerView spec)
    {
        foreach (var secret in spec.Secrets.Where(s => s.Type == SecretDeliveryType.Env))
        {
            if (secret.Unavailable() is { } why)
            {
                throw new SecretUnavailableException(why);
            }
            yield return $"{secret.Target}={System.Text.Encoding.UTF8.GetString(secret.Value!.Value.Span)}";
        }
    }

    public static ActualContainerView ToView(ContainerInspectResponse inspect)
    {
        var labels = inspect.Config?.Labels ?? new Dictionary<string, string>();
        var state = inspect.State;
        return new ActualContainerView
        {
            Name = inspect.Name.TrimStart('/'),
            Id = inspect.ID,
            Grid = Get(labels, SatamaLabels.Grid),
            Node = Get(labels, SatamaLabels.Node),
            SpecHash = Get(labels, SatamaLabels.SpecHash),
            State = ToRunState(state?.Status),
            ExitCode = (int)(state?.ExitCode ?? 0),
            StartedAt = ParseTime(state?.StartedAt),
            FinishedAt = ParseTime(state?.FinishedAt),
            Image = inspect.Config?.Image ?? "",
            Labels = new Dictionary<string, string>(labels),
            IpAddress = inspect.NetworkSettings?.Networks?.Values.Select(n => n.IPAddress).FirstOrDefault(ip => !string.IsNullOrEmpty(ip)) ?? "",
        };
    }

    public static ContainerRunState ToRunState(string? status) => status switch
    {
        "created" => ContainerRunState.Created,
        "running" => ContainerRunState.Running,
        "restarting" => ContainerRunState.Restarting,
        "paused" => ContainerRunState.Paused,
        "removing" => ContainerRunState.Removing,
        "dead" => ContainerRunState.Dead,
        _ => ContainerRunState.Exited,
    };

    /// <summary>A label value, or null (Docker.DotNet hands out IDictionary, which has no GetValueOrDefault).</summary>
    public static string? Get(IDictionary<string, string>? labels, string key) =>
        labels is not null && labels.TryGetValue(key, out var value) ? value : null;

    /// <summary>Docker reports "0001-01-01T00:00:00Z" for a time that never happened.</summary>
    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && t.Year > 1 ? t : null;

    /// <summary>Splits repo[:tag][@digest] for a pull; the tag is empty when a digest pins the image.</summary>
    public static (string Repository, string Tag) SplitImage(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return (image, "");
        }
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }
}
