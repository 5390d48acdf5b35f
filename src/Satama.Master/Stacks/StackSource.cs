namespace Satama.Master.Stacks;

/// <summary>
/// Everything needed to render one revision of a stack again, without a file system or a person: the file, the
/// files it references, and the values the client resolved (its <c>--var</c>s, answers, generated values and the
/// environment variables the file read). Stored with every revision, so that a rollback renders exactly the same.
/// </summary>
internal sealed record StackSource(
    string File,
    string Text,
    IReadOnlyDictionary<string, string> Files,
    IReadOnlyDictionary<string, string> Variables,
    IReadOnlyDictionary<string, string> Generated,
    IReadOnlyDictionary<string, string> Environment);
