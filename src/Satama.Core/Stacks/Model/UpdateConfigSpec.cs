namespace Satama.Core.Stacks.Model;

/// <summary>deploy.update_config. Order is start-first | stop-first; failure_action is continue | rollback | pause.</summary>
public sealed record UpdateConfigSpec(int? Parallelism = null, string? Delay = null, string? Order = null, string? FailureAction = null, string? Monitor = null);
