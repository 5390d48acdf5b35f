namespace Satama.Core.Model;

public sealed partial record ServiceSpec
{
    /// <summary>
    /// Vault secrets given to every container of the service, as environment variables or read-only files. Only names
    /// and targets live here: values are read from the vault when the master builds a node's desired set.
    /// </summary>
    public IReadOnlyList<ServiceSecret> Secrets { get; init; } = [];
}
