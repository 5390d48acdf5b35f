using Satama.Core.Reconciling;

namespace Satama.Agent.Reconciler;

/// <summary>
/// What the agent keeps in its data dir so it goes on working while the master is away
/// and across its own restarts: the last desired set and the restart counts per container.
/// </summary>
internal sealed class AgentStateFiles(string dataDir)
{
    private string DesiredPath => Path.Combine(dataDir, "desired.json");
    private string RestartsPath => Path.Combine(dataDir, "restarts.json");

    public DesiredNodeView? LoadDesired() => JsonFile.Read<DesiredNodeView>(DesiredPath);

    public void SaveDesired(DesiredNodeView desired) => JsonFile.Write(DesiredPath, desired);

    public Dictionary<string, RestartRecord> LoadRestarts() =>
        JsonFile.Read<Dictionary<string, RestartRecord>>(RestartsPath) ?? [];

    public void SaveRestarts(IReadOnlyDictionary<string, RestartRecord> restarts) => JsonFile.Write(RestartsPath, restarts);
}
