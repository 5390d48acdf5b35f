using Satama.Core.Model;

namespace Satama.Core.Stacks;

/// <summary>
/// A stack service as the platform runs it today (<see cref="Spec"/>), and what the stack file asks for that
/// the platform does not enforce yet (<see cref="NotEnforced"/>, one line per key, for `stack validate` to show).
/// </summary>
public sealed record StackServiceMapping(ServiceSpec Spec, IReadOnlyList<string> NotEnforced);
