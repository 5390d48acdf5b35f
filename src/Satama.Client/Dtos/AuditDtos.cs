namespace Satama.Client.Dtos;

/// <summary>
/// One audited mutation. <see cref="Hash"/> is SHA-256(<see cref="PreviousHash"/> + the canonical
/// event), so the trail can be checked outside the master too.
/// </summary>
public sealed record AuditEventDto(
    long Id,
    DateTimeOffset Time,
    string Actor,
    string Action,
    string Resource,
    string Grid,
    string Source,
    string Outcome,
    int Status,
    string PreviousHash,
    string Hash);

/// <summary>Filters of GET /v1/audit and /v1/audit/stream; null means "any".</summary>
public sealed record AuditQuery(string? Grid = null, string? Actor = null, DateTimeOffset? Since = null, int? Limit = null);

/// <summary>The answer of POST /v1/audit/verify: ok, or the first changed or missing event and why.</summary>
public sealed record AuditVerifyDto(bool Ok, long Checked, long? FirstBadId, string? Reason);
