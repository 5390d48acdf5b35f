using Microsoft.Extensions.Logging;

namespace Satama.Agent.MasterLink;

internal sealed partial class MasterSession
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the master as node {Node} of grid {Grid} (node id {NodeId})")]
    private partial void LogWelcome(string node, string grid, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The master rejected this agent: {Reason}")]
    private partial void LogRejected(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The master closed the link")]
    private partial void LogClosedByMaster();

    [LoggerMessage(Level = LogLevel.Warning, Message = "No message from the master for {Timeout}; treating the link as dead")]
    private partial void LogDead(TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link to the master failed: {Error}")]
    private partial void LogLinkFailed(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring desired set {Version}: no grid known yet")]
    private partial void LogDesiredWithoutGrid(ulong version);
}
