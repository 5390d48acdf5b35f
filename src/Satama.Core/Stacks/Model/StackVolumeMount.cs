namespace Satama.Core.Stacks.Model;

/// <summary>A mount: <c>volume</c> (named, or anonymous without a source), <c>bind</c> (a host path) or <c>tmpfs</c>.</summary>
public sealed record StackVolumeMount(string Type, string? Source, string Target, bool ReadOnly = false);
