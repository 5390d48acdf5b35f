namespace Satama.Agent.Overlay;

/// <summary>The overlay could not be set up (a host tool failed or is missing); the agent retries.</summary>
internal sealed class OverlayException : Exception
{
    public OverlayException(string message)
        : base(message)
    {
    }

    public OverlayException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
