namespace Satama.Master.Stacks;

/// <summary>A write that lost to a concurrent one; <see cref="Created"/> names the services made before it, to take back.</summary>
internal sealed class StackConflictException(string message, IReadOnlyList<string> created) : Exception(message)
{
    public IReadOnlyList<string> Created { get; } = created;
}
