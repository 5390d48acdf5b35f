namespace Satama.Core.Reconciling;

/// <summary>
/// One container found on the engine. <see cref="Grid"/>, <see cref="Node"/> and
/// <see cref="SpecHash"/> come from its io.satama.* labels (null when absent).
/// </summary>
public sealed record ActualContainerView
{
    public required string Name { get; init; }
    public string Id { get; init; } = "";
    public string? Grid { get; init; }
    public string? Node { get; init; }
    public string? SpecHash { get; init; }
    public required ContainerRunState State { get; init; }
    public int ExitCode { get; init; }
    /// <summary>Null when the container never started.</summary>
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public string Image { get; init; } = "";
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public string IpAddress { get; init; } = "";
}
