namespace Satama.Master.Stacks;

/// <summary>
/// The spec of a "stack" row: the current revision, what rendered it, and its services in start order (the
/// services themselves are "service" rows with <c>Stack</c> set).
/// </summary>
internal sealed record StackDocument(
    string Name,
    long Revision,
    StackSource Source,
    string? Description,
    IReadOnlyList<string> Services,
    string Author,
    DateTimeOffset Updated);
