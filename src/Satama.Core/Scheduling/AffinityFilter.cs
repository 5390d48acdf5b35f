using System.Text.RegularExpressions;
using Satama.Core.Model;

namespace Satama.Core.Scheduling;

/// <summary>
/// One affinity rule as a filter. Node and label rules read the node; service and container rules read
/// what already runs there (this plan's placements included, so <c>service!=web</c> on web means one per node).
/// A service or instance name without a stack means the placed service's own stack; <c>stack/name</c> names another.
/// </summary>
internal sealed class AffinityFilter : INodeFilter
{
    private static readonly TimeSpan s_regexTimeout = TimeSpan.FromMilliseconds(100);
    private readonly AffinityRule _rule;
    private readonly Regex? _regex;
    private readonly string _stack;
    private readonly string _name;

    public AffinityFilter(AffinityRule rule, ServiceSpec service)
    {
        _rule = rule;
        _regex = rule.IsRegex ? new Regex(rule.Value, RegexOptions.CultureInvariant, s_regexTimeout) : null;
        var slash = rule.Value.IndexOf('/', StringComparison.Ordinal);
        (_stack, _name) = slash > 0 && !rule.IsRegex ? (rule.Value[..slash], rule.Value[(slash + 1)..]) : (service.Stack, rule.Value);
    }

    public AffinityRule Rule => _rule;

    public string Key => $"affinity {_rule}";

    public bool Check(NodeView node, PlacementState state) => Holds(node, state) != _rule.Negated;

    // Whether the positive form of the rule holds on the node.
    private bool Holds(NodeView node, PlacementState state) => _rule.Target switch
    {
        AffinityTarget.Node => Matches(node.Name),
        AffinityTarget.Label => node.Labels.TryGetValue(_rule.Key!, out var value) && (_rule.IsKeyOnly || Matches(value)),
        AffinityTarget.Service => _regex is null
            ? state.Runs(node.Name, _stack, _name)
            : state.ServicesOn(node.Name).Any(s => s.Stack == _stack && Matches(s.Service)),
        _ => state.InstancesOn(node.Name).Any(i => i.Stack == _stack && (_regex is null ? i.Instance == _name : Matches(i.Instance))),
    };

    private bool Matches(string candidate)
    {
        if (_regex is null)
        {
            return candidate == _rule.Value;
        }
        try
        {
            return _regex.IsMatch(candidate);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    public string Explain(int nodes)
    {
        var value = _rule.Value;
        var what = _rule.Target switch
        {
            AffinityTarget.Label => _rule.IsKeyOnly ? $"label {_rule.Key}" : _rule.IsRegex ? $"a label {_rule.Key} matching {value}" : $"label {_rule.Key}={value}",
            AffinityTarget.Service => _rule.IsRegex ? $"a service matching {value}" : value,
            AffinityTarget.Container => _rule.IsRegex ? $"an instance matching {value}" : value,
            _ => value,
        };
        return (_rule.Target, _rule.Negated) switch
        {
            (AffinityTarget.Node, false) => _rule.IsRegex ? FilterText.Nodes(nodes, "has a name not matching", "have names not matching") + $" {value}" : FilterText.Nodes(nodes, "is not", "are not") + $" {value}",
            (AffinityTarget.Node, true) => _rule.IsRegex ? FilterText.Nodes(nodes, "has a name matching", "have names matching") + $" {value}" : FilterText.Nodes(nodes, "is", "are") + $" {value}",
            (AffinityTarget.Label, false) => FilterText.Nodes(nodes, "lacks", "lack") + $" {what}",
            (AffinityTarget.Label, true) => FilterText.Nodes(nodes, "has", "have") + $" {what}",
            (_, false) => FilterText.Nodes(nodes, "does not run", "do not run") + $" {what}",
            (_, true) => FilterText.Nodes(nodes, "runs", "run") + $" {what}",
        };
    }
}
