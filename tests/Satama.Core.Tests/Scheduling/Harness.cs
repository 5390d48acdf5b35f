using Satama.Core.Model;
using Satama.Core.Scheduling;

namespace Satama.Core.Tests.Scheduling;

/// <summary>
/// An in-memory grid for scheduler tests, after Nomad's scheduler Harness: nodes built with builders,
/// services registered with their assignments, plans run against that state, recorded, and applied.
/// No store, no host, no clock: <see cref="Now"/> is whatever the test sets.
/// </summary>
internal sealed class Harness
{
    private readonly Dictionary<string, NodeView> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Stack, string Name), ServiceSpec> _services = [];
    private readonly Dictionary<(string Stack, string Name), SortedDictionary<int, string>> _assignments = [];

    public DateTimeOffset Now { get; set; } = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public ulong Seed { get; set; }

    public TimeSpan GridGrace { get; set; } = PlacementSpec.DefaultGracePeriod;

    /// <summary>Every plan this harness made, in order.</summary>
    public List<PlacementPlan> Plans { get; } = [];

    public IReadOnlyCollection<NodeView> Nodes => _nodes.Values;

    public static NodeBuilder Node(string name) => new(name);

    public static ServiceSpec Service(string name, int instances, Func<PlacementSpec, PlacementSpec>? placement = null, params string[] ports) => new()
    {
        Grid = "g",
        Name = name,
        Image = "busybox",
        Instances = instances,
        Ports = ports.Select(p => PortMapping.Parse(p, out _)!).ToList(),
        Placement = placement?.Invoke(PlacementSpec.Default) ?? PlacementSpec.Default,
    };

    public Harness Add(params NodeBuilder[] nodes)
    {
        foreach (var node in nodes)
        {
            _nodes[node.Name] = node.Build();
        }
        return this;
    }

    /// <summary>n nodes named {prefix}{i:000} with labels chosen by index.</summary>
    public Harness AddMany(int count, string prefix = "n", Func<int, NodeBuilder, NodeBuilder>? shape = null)
    {
        for (var i = 0; i < count; i++)
        {
            var builder = Node($"{prefix}{i:0000}");
            Add(shape?.Invoke(i, builder) ?? builder);
        }
        return this;
    }

    public void Remove(string node) => _nodes.Remove(node);

    /// <summary>The node goes offline now (or <paramref name="ago"/> before now).</summary>
    public void GoOffline(string node, TimeSpan ago = default) =>
        _nodes[node] = _nodes[node] with { Online = false, OfflineSince = Now - ago };

    public void ComeBack(string node) => _nodes[node] = _nodes[node] with { Online = true, OfflineSince = null };

    public void Relabel(string node, params string[] labels) => _nodes[node] = _nodes[node] with { Labels = NodeBuilder.ParseLabels(labels) };

    public PlacementRequest Request(ServiceSpec service) => new(service, [.. _nodes.Values], Existing())
    {
        Seed = Seed,
        Now = Now,
        GridGracePeriod = GridGrace,
    };

    /// <summary>Plans the service against the current state and records the plan; applies nothing.</summary>
    public PlacementPlan Plan(ServiceSpec service)
    {
        var plan = InstancePlacer.Plan(Request(service));
        Plans.Add(plan);
        return plan;
    }

    /// <summary>Makes the plan's target the service's assignments (as the master's status write does).</summary>
    public void Apply(ServiceSpec service, PlacementPlan plan)
    {
        _services[(service.Stack, service.Name)] = service;
        _assignments[(service.Stack, service.Name)] = new SortedDictionary<int, string>(plan.Assignments.ToDictionary(a => a.Instance, a => a.Node));
    }

    public PlacementPlan Run(ServiceSpec service)
    {
        var plan = Plan(service);
        Apply(service, plan);
        return plan;
    }

    public IReadOnlyDictionary<int, string> Of(ServiceSpec service) =>
        _assignments.TryGetValue((service.Stack, service.Name), out var a) ? a : new SortedDictionary<int, string>();

    public string Layout(ServiceSpec service) => string.Join(" ", Of(service).Select(a => $"{a.Key}@{a.Value}"));

    /// <summary>How many instances of the service sit on nodes grouped by <paramref name="key"/> (e.g. the az label).</summary>
    public Dictionary<string, int> CountBy(ServiceSpec service, Func<NodeView, string> key) =>
        Of(service).GroupBy(a => key(_nodes[a.Value])).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public List<InstanceView> Existing() =>
        [.. _assignments.SelectMany(s => s.Value.Select(a => InstanceView.Of(_services[s.Key], a.Key, a.Value)))];

    /// <summary>A node of the harness, built fluently: Node("a").Label("az", "a").Cpus(4).Memory(8 * GiB).</summary>
    internal sealed record NodeBuilder(string Name)
    {
        public const long GiB = 1L << 30;

        private Dictionary<string, string> Labels { get; init; } = new(StringComparer.Ordinal);
        private double CpuCount { get; init; }
        private long MemoryBytes { get; init; }
        private bool IsOffline { get; init; }
        private DateTimeOffset? Since { get; init; }

        public NodeBuilder Label(string key, string value) => this with { Labels = new(Labels, StringComparer.Ordinal) { [key] = value } };

        public NodeBuilder Zone(string az, string region = "") =>
            region.Length == 0 ? Label("az", az) : Label("az", az).Label("region", region);

        public NodeBuilder Cpus(double cpus) => this with { CpuCount = cpus };

        public NodeBuilder Memory(long bytes) => this with { MemoryBytes = bytes };

        public NodeBuilder Offline(DateTimeOffset? since = null) => this with { IsOffline = true, Since = since };

        public NodeView Build() => new(Name, !IsOffline, Labels)
        {
            Cpus = CpuCount,
            MemoryBytes = MemoryBytes,
            OfflineSince = IsOffline ? Since : null,
        };

        public static Dictionary<string, string> ParseLabels(IEnumerable<string> labels) =>
            labels.Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
    }
}
