namespace Satama.Master.Store;

/// <summary>What one write of a <see cref="UnitOfWork"/> does to its row.</summary>
internal enum StoreWriteOp
{
    /// <summary>Inserts the row; fails when one with the same key exists.</summary>
    Create,

    /// <summary>Replaces spec and/or status; fails unless the row is at the expected revision.</summary>
    Update,

    /// <summary>Deletes the row; fails unless it is at the expected revision.</summary>
    Delete,

    /// <summary>Writes nothing; fails unless the row is at the expected revision (a read the change depends on).</summary>
    Require,
}
