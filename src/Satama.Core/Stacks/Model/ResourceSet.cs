namespace Satama.Core.Stacks.Model;

/// <summary>CPUs as written ("0.5") and memory as a byte size ("512M").</summary>
public sealed record ResourceSet(string? Cpus, string? Memory);
