namespace Satama.Agent.Health;

/// <summary>
/// What a checker needs to know of a running container, from inspect: where it is reachable,
/// the TCP ports its image exposes (ascending), and Docker's own health state when the image
/// has a HEALTHCHECK (null otherwise).
/// </summary>
internal sealed record HealthTarget(string Id, string IpAddress, IReadOnlyList<int> ExposedTcpPorts, string? DockerHealth, string DockerHealthDetail);
