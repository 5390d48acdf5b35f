namespace Satama.Agent.Docker;

/// <summary>
/// An expected failure of a driver operation, with a message fit for ContainerState.error
/// (e.g. a missing image). Unexpected engine failures stay as their own exceptions.
/// </summary>
internal sealed class ContainerDriverException : Exception
{
    public ContainerDriverException(string message)
        : base(message)
    {
    }

    public ContainerDriverException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
