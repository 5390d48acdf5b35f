namespace Satama.Master.Audit;

/// <summary>The verdict on the chain: how many events checked out, and the first bad one with why.</summary>
internal sealed record AuditVerification(bool Ok, long Checked, long? FirstBadId, string? Reason)
{
    public static AuditVerification Bad(long @checked, long id, string reason) => new(false, @checked, id, reason);
}
