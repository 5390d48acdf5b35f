namespace Satama.Core.Stacks.Model;

/// <summary>A Kontena child stack (<c>depends</c>): its local name, the file it comes from, the variables passed, and the parsed stack.</summary>
public sealed record StackDependency(string Name, string File, ValueMap<string> Variables, StackSpec? Stack);
