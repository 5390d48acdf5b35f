namespace Satama.Core.Stacks.Model;

/// <summary>Kontena hooks: commands run in an instance around its start and stop.</summary>
public sealed record HooksSpec(ValueList<HookSpec> PreStart, ValueList<HookSpec> PostStart, ValueList<HookSpec> PreStop);
