using Microsoft.Extensions.Logging;
using Satama.Core.Reconciling;

namespace Satama.Agent.Reconciler;

internal sealed partial class ContainerReconciler
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Created {Container}")]
    private partial void LogCreated(string container);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Container} ({Reason})")]
    private partial void LogRemoved(string container, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Container}")]
    private partial void LogStarted(string container);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restarted {Container} (exit {ExitCode}, restart {Count})")]
    private partial void LogRestarted(string container, int exitCode, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Container {Container} exited with {ExitCode}")]
    private partial void LogExited(string container, int exitCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Action} of {Container} failed: {Error}")]
    private partial void LogActionFailed(NodeActionKind action, string container, string error, Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Desired set version {Version} with {Count} containers")]
    private partial void LogDesired(ulong version, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile pass failed; retrying")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Engine event {Action} for {Container}")]
    private partial void LogEngineEvent(string container, string action);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching engine events failed; retrying")]
    private partial void LogWatchFailed(Exception exception);
}
