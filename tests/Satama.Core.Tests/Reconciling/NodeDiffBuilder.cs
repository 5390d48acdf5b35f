using Satama.Core.Model;
using Satama.Core.Reconciling;

namespace Satama.Core.Tests.Reconciling;

/// <summary>Builders for NodeDiff inputs, and a tiny engine simulator that applies a plan.</summary>
internal static class NodeDiffBuilder
{
    public const string Grid = "prod";
    public const string Node = "node-1";
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    public static DesiredContainerView Want(string service, int instance = 1, string hash = "h1", RestartPolicy restart = RestartPolicy.Always, string grid = Grid) => new()
    {
        Name = InstanceNames.Container(grid, "null", service, instance, 1),
        Grid = grid,
        Service = service,
        Instance = instance,
        Image = "satama-test/busybox:latest",
        Restart = restart,
        SpecHash = hash,
    };

    public static DesiredNodeView Desired(params DesiredContainerView[] containers) => new(Grid, Node, 1, containers);

    public static ActualContainerView Running(DesiredContainerView spec, string? hash = null) => Has(spec.Name, hash ?? spec.SpecHash, ContainerRunState.Running);

    public static ActualContainerView Has(string name, string hash = "h1", ContainerRunState state = ContainerRunState.Running, string? grid = Grid, string? node = Node) => new()
    {
        Name = name,
        Id = "id-" + name,
        Grid = grid,
        Node = node,
        SpecHash = grid is null ? null : hash,
        State = state,
        StartedAt = state == ContainerRunState.Created ? null : Now.AddMinutes(-10),
    };

    public static ActualContainerView Exited(DesiredContainerView spec, int exitCode, TimeSpan ranFor, DateTimeOffset finishedAt) =>
        Has(spec.Name, spec.SpecHash, ContainerRunState.Exited) with
        {
            ExitCode = exitCode,
            StartedAt = finishedAt - ranFor,
            FinishedAt = finishedAt,
        };

    public static IReadOnlyDictionary<string, RestartRecord> NoRestarts => new Dictionary<string, RestartRecord>();

    /// <summary>What an engine would look like after the plan ran; records restart counts like the agent does.</summary>
    public static List<ActualContainerView> Apply(IReadOnlyList<ActualContainerView> actual, NodePlan plan, Dictionary<string, RestartRecord> restarts, string node, DateTimeOffset now)
    {
        var result = actual.ToList();
        foreach (var action in plan.Actions)
        {
            switch (action.Kind)
            {
                case NodeActionKind.Remove:
                    Assert.Equal(1, result.RemoveAll(a => a.Name == action.Name && a.Node == node));
                    break;
                case NodeActionKind.Create:
                    Assert.DoesNotContain(result, a => a.Name == action.Name);
                    result.Add(new ActualContainerView
                    {
                        Name = action.Name,
                        Grid = action.Desired!.Grid,
                        Node = node,
                        SpecHash = action.Desired.SpecHash,
                        State = ContainerRunState.Running,
                        StartedAt = now,
                    });
                    restarts.Remove(action.Name);
                    break;
                case NodeActionKind.Start:
                    var index = result.FindIndex(a => a.Name == action.Name && a.Node == node);
                    Assert.True(index >= 0);
                    result[index] = result[index] with { State = ContainerRunState.Running, StartedAt = now, FinishedAt = null };
                    if (action.Restart is { } record)
                    {
                        restarts[action.Name] = record;
                    }
                    break;
            }
        }
        return result;
    }
}
