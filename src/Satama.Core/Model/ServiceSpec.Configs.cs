namespace Satama.Core.Model;

public sealed partial record ServiceSpec
{
    /// <summary>Config files with their content (<c>configs:</c>); part of the spec hash when set, content included.</summary>
    public IReadOnlyList<ServiceConfig> Configs { get; init; } = [];
}
