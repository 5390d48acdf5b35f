using System.Text.Json;
using Microsoft.Extensions.Logging;
using Satama.Core.Reconciling;

namespace Satama.Agent.Reconciler;

/// <summary>
/// What the agent keeps in its data dir so it goes on working while the master is away
/// and across its own restarts: the last desired set and the restart counts per container.
/// A damaged file is set aside (renamed *.bad) and treated as absent: the master sends the
/// full desired set again on connect, so starting empty loses nothing for long.
/// </summary>
internal sealed partial class AgentStateFiles(string dataDir, ILogger logger)
{
    private readonly ILogger _logger = logger;

    private string DesiredPath => Path.Combine(dataDir, "desired.json");
    private string RestartsPath => Path.Combine(dataDir, "restarts.json");

    public DesiredNodeView? LoadDesired() => Load<DesiredNodeView>(DesiredPath);

    public void SaveDesired(DesiredNodeView desired) => JsonFile.Write(DesiredPath, desired);

    public Dictionary<string, RestartRecord> LoadRestarts() => Load<Dictionary<string, RestartRecord>>(RestartsPath) ?? [];

    public void SaveRestarts(IReadOnlyDictionary<string, RestartRecord> restarts) => JsonFile.Write(RestartsPath, restarts);

    private T? Load<T>(string path) where T : class
    {
        try
        {
            return JsonFile.Read<T>(path);
        }
        catch (JsonException e)
        {
            File.Move(path, path + ".bad", overwrite: true);
            LogDamaged(path, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "State file {Path} is damaged ({Error}); set aside as .bad and starting without it")]
    private partial void LogDamaged(string path, string error);
}
