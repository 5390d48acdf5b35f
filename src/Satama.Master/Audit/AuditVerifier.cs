namespace Satama.Master.Audit;

/// <summary>
/// Checks a chain read from the store: ids without gaps from 1, each previous hash equal to the
/// hash before it, each hash equal to the hash of its content, and the newest event equal to the
/// recorded head. Pure: the rows and the head are given.
/// </summary>
internal static class AuditVerifier
{
    public static AuditVerification Verify(IReadOnlyList<AuditEvent> rows, (long Id, string Hash)? head)
    {
        var previousId = 0L;
        var previousHash = AuditChain.Genesis;
        long checkedCount = 0;
        foreach (var row in rows)
        {
            if (row.Id != previousId + 1)
            {
                var missing = row.Id - previousId - 1;
                var which = missing == 1 ? $"event {previousId + 1} is" : $"events {previousId + 1} to {row.Id - 1} are";
                return AuditVerification.Bad(checkedCount, previousId + 1, $"{which} missing (deleted)");
            }
            if (!string.Equals(row.PreviousHash, previousHash, StringComparison.Ordinal))
            {
                return AuditVerification.Bad(checkedCount, row.Id, $"event {row.Id} does not chain to the event before it");
            }
            if (!string.Equals(AuditChain.Expected(row), row.Hash, StringComparison.Ordinal))
            {
                return AuditVerification.Bad(checkedCount, row.Id, $"event {row.Id} was changed: its hash does not match its content");
            }
            previousId = row.Id;
            previousHash = row.Hash;
            checkedCount++;
        }
        if (head is { } h)
        {
            if (h.Id > previousId)
            {
                var which = h.Id == previousId + 1 ? $"event {h.Id} is" : $"events {previousId + 1} to {h.Id} are";
                return AuditVerification.Bad(checkedCount, previousId + 1, $"{which} missing (deleted); the newest recorded event is {h.Id}");
            }
            if (h.Id != previousId || !string.Equals(h.Hash, previousHash, StringComparison.Ordinal))
            {
                return AuditVerification.Bad(checkedCount, previousId, $"the newest event {previousId} is not the one recorded as newest ({h.Id})");
            }
        }
        else if (previousId > 0)
        {
            return AuditVerification.Bad(checkedCount, previousId, "the record of the newest event is missing");
        }
        return new AuditVerification(true, checkedCount, null, null);
    }
}
