namespace Satama.Core.Model;

public sealed partial record ServiceSpec
{
    /// <summary>How each container runs (init, stop signal and grace, limits, user, ...); part of the spec hash when set.</summary>
    public RuntimeSpec Runtime { get; init; } = RuntimeSpec.Default;
}
