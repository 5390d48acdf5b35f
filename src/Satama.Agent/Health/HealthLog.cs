using Microsoft.Extensions.Logging;

namespace Satama.Agent.Health;

internal static partial class HealthLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Health of {Container}: {Health} {Detail}")]
    public static partial void Changed(ILogger logger, string container, string health, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check of {Container} stopped on an unexpected error")]
    public static partial void CheckerFailed(ILogger logger, Exception exception, string container);
}
