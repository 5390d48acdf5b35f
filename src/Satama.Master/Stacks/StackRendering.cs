using Satama.Core.Model;
using Satama.Core.Stacks.Model;
using Satama.Master.Auth;

namespace Satama.Master.Stacks;

/// <summary>
/// A rendered stack: its services as the master stores them (in start order), the file's warnings and what is not
/// enforced, or every error. <see cref="Source"/> carries the values generated here, to be stored with the revision.
/// </summary>
internal sealed record StackRendering(
    StackSpec? Stack,
    IReadOnlyList<ServiceSpec> Services,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Errors,
    StackSource Source)
{
    public bool Succeeded => Stack is not null && Errors.Count == 0;

    /// <summary>Kontena <c>to: vault</c>: secrets an install or upgrade creates in the grid's vault when it lacks them.</summary>
    public IReadOnlyDictionary<string, string> VaultWrites { get; init; } = new Dictionary<string, string>();

    /// <summary>The host-level options its services ask for, each at its file:line:column (see HostOptionGate).</summary>
    public IReadOnlyList<HostOptionUse> HostOptions { get; init; } = [];
}
