namespace Satama.Core.Stacks;

/// <summary>What to ask a person for a Kontena variable with <c>from: prompt</c>.</summary>
public sealed record StackVariablePrompt(string Name, string Question, string? Default, IReadOnlyList<string> Options, bool Secret);
