namespace Satama.Master.Store;

/// <summary>
/// One write of a <see cref="UnitOfWork"/>: the row it touches, the revision it expects (Update,
/// Delete, Require) and the documents it writes (Create, Update; a null one is kept as stored).
/// </summary>
internal sealed record StoreWrite(StoreWriteOp Op, string Kind, string Grid, string Name, long ExpectedRevision, string? Spec, string? Status)
{
    /// <summary>Why this write could not be applied, in words for a log or an error (never a document).</summary>
    public string Refusal => Op switch
    {
        StoreWriteOp.Create => $"{Kind} '{Key}' already exists",
        _ => $"{Kind} '{Key}' is gone or no longer at revision {ExpectedRevision}",
    };

    private string Key => Grid.Length == 0 ? Name : $"{Grid}/{Name}";
}
