namespace Satama.Core.Reconciling;

public enum NodeActionKind
{
    /// <summary>Stop (briefly) and remove the container.</summary>
    Remove,
    /// <summary>Create and start the container.</summary>
    Create,
    /// <summary>Start an existing container that is not running.</summary>
    Start,
}
