namespace Satama.Core.Stacks.Model;

/// <summary>deploy.restart_policy. Condition is none | on-failure | any.</summary>
public sealed record RestartPolicySpec(string? Condition = null, string? Delay = null, int? MaxAttempts = null, string? Window = null);
