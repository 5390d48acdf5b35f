namespace Satama.Master.Audit;

/// <summary>What the API knows of a mutation when it ends; the log adds id, time and the chain.</summary>
internal sealed record AuditEntry(string Actor, string Action, string Resource, string Grid, string Source, int Status);
