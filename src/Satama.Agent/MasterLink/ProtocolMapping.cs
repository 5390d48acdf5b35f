using System.Globalization;
using Google.Protobuf;
using Satama.Agent.Docker;
using Satama.Agent.Health;
using Satama.Agent.Reconciler;
using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Protocol;

namespace Satama.Agent.MasterLink;

/// <summary>Translation between the wire messages and the agent's own views.</summary>
internal static class ProtocolMapping
{
    public static DesiredNodeView ToView(DesiredSet set, string grid, string node) => new(
        grid,
        node,
        set.Version,
        [.. set.Containers.Select(ToView)]);

    public static DesiredContainerView ToView(DesiredContainer c) => new()
    {
        Name = c.Name,
        Grid = c.Grid,
        Stack = c.Stack.Length > 0 ? c.Stack : Names.NullStack,
        Service = c.Service,
        Instance = c.Instance,
        Revision = c.Revision,
        Image = c.Image,
        Command = [.. c.Command],
        Entrypoint = [.. c.Entrypoint],
        Mounts = [.. c.Mounts.Select(MountMapping.ToSpec)],
        Configs = [.. c.Configs.Select(MountMapping.ToConfig)],
        Env = new Dictionary<string, string>(c.Env),
        Ports = [.. c.Ports.Select(p => new PortBindingView(p.HostPort, p.ContainerPort, p.Protocol.Length > 0 ? p.Protocol : "tcp", p.HostIp))],
        // An unknown policy from a newer master is read as "always": keeping a service up is the safer guess.
        Restart = RestartPolicies.TryParse(c.RestartPolicy, out var policy) ? policy : RestartPolicy.Always,
        Labels = new Dictionary<string, string>(c.Labels),
        SpecHash = c.SpecHash,
        Health = c.HealthCheck is { } check ? HealthMapping.ToCheck(check) : null,
        Secrets = [.. c.Secrets.Select(ToView)],
        Runtime = HostOptionsMapping.With(c.Runtime is { } runtime ? RuntimeOptionsMapping.ToSpec(runtime) : RuntimeSpec.Default, c.HostOptions),
        AllowedBinds = [.. c.AllowedBinds],
    };

    public static DesiredSecretView ToView(SecretDelivery s) => new()
    {
        Secret = s.Secret,
        Type = s.Type == "env" ? SecretDeliveryType.Env : SecretDeliveryType.File,
        Target = s.Target,
        Mode = (int)(s.Mode & 0b111_111_111),
        Uid = s.Uid >= 0 ? s.Uid : null,
        Gid = s.Gid >= 0 ? s.Gid : null,
        Value = s.Missing.Length == 0 ? s.Value.ToByteArray() : null,
        Missing = s.Missing,
    };

    /// <summary>The report on the wire, with each container's health from <paramref name="health"/> (none without it).</summary>
    public static ContainerReport ToReport(NodeReport report, Func<string, HealthStatus>? health = null)
    {
        var message = new ContainerReport { DesiredVersion = report.DesiredVersion };
        message.Containers.AddRange(report.Containers.Select(line => WithHealth(ToState(line), health?.Invoke(line.Name))));
        return message;
    }

    private static ContainerState WithHealth(ContainerState state, HealthStatus? health)
    {
        var status = state.State == "running" ? health ?? HealthStatus.None : HealthStatus.None;
        state.Health = status.Health.ToWire();
        state.HealthDetail = status.Detail;
        state.HealthySinceUnixMs = status.HealthySince?.ToUnixTimeMilliseconds() ?? 0;
        return state;
    }

    public static ContainerState ToState(ReportedContainer line)
    {
        var actual = line.Actual;
        var desired = line.Desired;
        var labels = actual?.Labels ?? new Dictionary<string, string>();
        return new ContainerState
        {
            Name = line.Name,
            ContainerId = actual?.Id ?? "",
            Grid = actual?.Grid ?? desired?.Grid ?? "",
            Stack = labels.GetValueOrDefault(SatamaLabels.Stack) ?? desired?.Stack ?? "",
            Service = labels.GetValueOrDefault(SatamaLabels.Service) ?? desired?.Service ?? "",
            Instance = ParseInt(labels.GetValueOrDefault(SatamaLabels.Instance)) ?? desired?.Instance ?? 0,
            Revision = ParseLong(labels.GetValueOrDefault(SatamaLabels.Revision)) ?? desired?.Revision ?? 0,
            Image = actual?.Image ?? desired?.Image ?? "",
            State = actual is null ? "missing" : actual.State.ToString().ToLowerInvariant(),
            ExitCode = actual?.ExitCode ?? 0,
            RestartCount = line.RestartCount,
            StartedUnixMs = actual?.StartedAt?.ToUnixTimeMilliseconds() ?? 0,
            FinishedUnixMs = actual?.FinishedAt?.ToUnixTimeMilliseconds() ?? 0,
            Error = line.Error,
            IpAddress = actual?.IpAddress ?? "",
        };
    }

    public static NodeInfo ToNodeInfo(EngineInfo engine, string node, IReadOnlyDictionary<string, string> labels, string? address, string agentVersion)
    {
        var info = new NodeInfo
        {
            Name = node,
            DockerVersion = engine.DockerVersion,
            StorageDriver = engine.StorageDriver,
            Kernel = engine.Kernel,
            Os = engine.OperatingSystem,
            Cpus = engine.Cpus,
            MemoryBytes = engine.MemoryBytes,
            Address = address ?? "",
            AgentVersion = agentVersion,
            CgroupVersion = engine.CgroupVersion,
            LogDriver = engine.LogDriver,
        };
        foreach (var (key, value) in labels)
        {
            info.Labels[key] = value;
        }
        return info;
    }

    public static ExecResult ToResult(string requestId, ExecOutcome outcome) => new()
    {
        RequestId = requestId,
        ExitCode = outcome.ExitCode,
        Stdout = ByteString.CopyFrom(outcome.Stdout),
        Stderr = ByteString.CopyFrom(outcome.Stderr),
        Error = outcome.Error,
    };

    private static int? ParseInt(string? s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static long? ParseLong(string? s) => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
