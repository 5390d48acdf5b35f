namespace Satama.Master.Stacks;

/// <summary>One kept revision of a stack (row kind "stack-revision", name "STACK@N"), for history and rollback.</summary>
internal sealed record StackRevisionDocument(
    long Revision,
    string Action,
    long? RolledBackTo,
    StackSource Source,
    IReadOnlyList<string> Services,
    string Author,
    DateTimeOffset Created);
