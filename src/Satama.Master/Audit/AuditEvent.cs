namespace Satama.Master.Audit;

/// <summary>
/// One recorded mutation: who (actor) did what (action) to which resource of which grid, from
/// where, and how it ended. Only names and ids: never a request body or a secret value.
/// </summary>
internal sealed record AuditEvent(
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
    string Hash)
{
    public const string Success = "success";
    public const string Failure = "failure";

    public static string OutcomeOf(int status) => status is >= 200 and < 400 ? Success : Failure;
}
