namespace Satama.Master.Store;

/// <summary>The spec of a node row: its id and the labels users (and the agent's first Hello) set.</summary>
internal sealed record NodeDocument(string Id, IReadOnlyDictionary<string, string> Labels);
