using Satama.Core.Stacks.Model;

namespace Satama.Core.Stacks;

/// <summary>Finds depends_on cycles and gives the start order (dependencies first) of an acyclic stack.</summary>
public static class DependencyCycles
{
    /// <summary>Each cycle once, as service names from its first service (in file order) back to it.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Find(StackSpec stack)
    {
        var edges = stack.Services.DistinctBy(s => s.Name).ToDictionary(s => s.Name, s => s.DependsOn.Select(d => d.Service).Where(d => d != s.Name).ToList());
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();
        foreach (var svc in stack.Services)
        {
            Visit(svc.Name, edges, state, [], cycles);
        }
        return cycles;
    }

    /// <summary>Services ordered so that each comes after what it depends on (file order otherwise); cycles are broken where found.</summary>
    public static IReadOnlyList<string> StartOrder(StackSpec stack)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<string>();
        var byName = stack.Services.DistinctBy(s => s.Name).ToDictionary(s => s.Name);
        void Add(string name, HashSet<string> path)
        {
            if (done.Contains(name) || !byName.TryGetValue(name, out var svc) || !path.Add(name))
            {
                return;
            }
            foreach (var dep in svc.DependsOn)
            {
                Add(dep.Service, path);
            }
            done.Add(name);
            order.Add(name);
        }
        foreach (var svc in stack.Services)
        {
            Add(svc.Name, []);
        }
        return order;
    }

    // Iterative would be safer for huge graphs, but the depth is bounded by the number of services (a file's worth).
    private static void Visit(string name, Dictionary<string, List<string>> edges, Dictionary<string, int> state, List<string> path, List<IReadOnlyList<string>> cycles)
    {
        if (state.GetValueOrDefault(name) == 2 || !edges.TryGetValue(name, out var deps))
        {
            return;
        }
        if (state.GetValueOrDefault(name) == 1)
        {
            var start = path.IndexOf(name);
            cycles.Add([.. path.Skip(start), name]);
            return;
        }
        state[name] = 1;
        path.Add(name);
        foreach (var dep in deps)
        {
            Visit(dep, edges, state, path, cycles);
        }
        path.RemoveAt(path.Count - 1);
        state[name] = 2;
    }
}
