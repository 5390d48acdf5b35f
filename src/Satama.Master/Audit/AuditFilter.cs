namespace Satama.Master.Audit;

/// <summary>Which events to read: every field optional; <see cref="AfterId"/> is for following.</summary>
internal sealed record AuditFilter(string? Grid = null, string? Actor = null, DateTimeOffset? Since = null, long? AfterId = null, int Limit = 100);
