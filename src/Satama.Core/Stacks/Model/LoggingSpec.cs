namespace Satama.Core.Stacks.Model;

/// <summary>Compose <c>logging</c>, or Kontena/v2 <c>log_driver</c> and <c>log_opt</c>.</summary>
public sealed record LoggingSpec(string? Driver, ValueMap<string> Options);
