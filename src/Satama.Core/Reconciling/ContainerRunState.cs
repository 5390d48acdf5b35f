namespace Satama.Core.Reconciling;

/// <summary>The Docker state of a container, as far as reconciling cares.</summary>
public enum ContainerRunState
{
    Created,
    Running,
    Restarting,
    Paused,
    Exited,
    Dead,
    Removing,
}
