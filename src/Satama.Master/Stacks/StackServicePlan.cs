using Satama.Core.Model;

namespace Satama.Master.Stacks;

/// <summary>
/// What to do with one service of a stack: <see cref="Write"/> is the spec to store (null: leave it, or remove it
/// when <see cref="Change"/> is "removed"); <see cref="Current"/> is the stored one, if any.
/// </summary>
internal sealed record StackServicePlan(string Service, string Change, IReadOnlyList<string> Fields, ServiceSpec? Write, ServiceSpec? Current);
