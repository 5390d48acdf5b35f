namespace Satama.Core.Model;

public sealed partial record ServiceSpec
{
    /// <summary>Replaces the image's ENTRYPOINT (<c>entrypoint</c>); empty: the image's. Part of the spec hash when set.</summary>
    public IReadOnlyList<string> Entrypoint { get; init; } = [];
}
