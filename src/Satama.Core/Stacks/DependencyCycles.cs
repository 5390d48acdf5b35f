using Satama.Core.Stacks.Model;

namespace Satama.Core.Stacks;

/// <summary>
/// Finds depends_on cycles and gives the start order (dependencies first) of a stack. Both walks are
/// iterative: a generated stack may chain many thousands of services, deeper than the call stack allows.
/// </summary>
public static class DependencyCycles
{
    /// <summary>Each cycle once, as service names from where the walk entered it back to that service.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Find(StackSpec stack)
    {
        var cycles = new List<IReadOnlyList<string>>();
        Walk(stack, onCycle: cycles.Add, onDone: _ => { });
        return cycles;
    }

    /// <summary>Services ordered so that each comes after what it depends on (file order otherwise); a cycle is broken where the walk meets it.</summary>
    public static IReadOnlyList<string> StartOrder(StackSpec stack)
    {
        var order = new List<string>();
        Walk(stack, onCycle: _ => { }, onDone: order.Add);
        return order;
    }

    /// <summary>
    /// One depth-first walk over depends_on in file order: <paramref name="onCycle"/> for every edge back into
    /// the current path, <paramref name="onDone"/> for each service once everything it depends on is done.
    /// </summary>
    private static void Walk(StackSpec stack, Action<IReadOnlyList<string>> onCycle, Action<string> onDone)
    {
        var edges = Edges(stack);
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        var walk = new Stack<(string Name, int Next)>();
        foreach (var root in stack.Services.Select(s => s.Name))
        {
            if (state.GetValueOrDefault(root) != 0)
            {
                continue;
            }
            Enter(root, state, path, walk);
            while (walk.Count > 0)
            {
                var (name, next) = walk.Pop();
                var deps = edges[name];
                if (next == deps.Count)
                {
                    path.RemoveAt(path.Count - 1);
                    state[name] = 2;
                    onDone(name);
                    continue;
                }
                walk.Push((name, next + 1));
                var dep = deps[next];
                if (!edges.ContainsKey(dep))
                {
                    continue;
                }
                switch (state.GetValueOrDefault(dep))
                {
                    case 1:
                        onCycle([.. path.Skip(path.IndexOf(dep)), dep]);
                        break;
                    case 0:
                        Enter(dep, state, path, walk);
                        break;
                }
            }
        }
    }

    private static void Enter(string name, Dictionary<string, int> state, List<string> path, Stack<(string, int)> walk)
    {
        state[name] = 1;
        path.Add(name);
        walk.Push((name, 0));
    }

    private static Dictionary<string, List<string>> Edges(StackSpec stack) =>
        stack.Services.DistinctBy(s => s.Name).ToDictionary(s => s.Name, s => s.DependsOn.Select(d => d.Service).Where(d => d != s.Name).ToList(), StringComparer.Ordinal);
}
