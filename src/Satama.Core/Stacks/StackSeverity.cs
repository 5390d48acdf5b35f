namespace Satama.Core.Stacks;

/// <summary>How much a diagnostic matters: errors stop an install, warnings and notes do not.</summary>
public enum StackSeverity
{
    Error,
    Warning,

    /// <summary>Something only a master can check (vault references, service links), left unchecked offline.</summary>
    Info,
}
