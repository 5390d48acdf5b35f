namespace Satama.Core.Scheduling;

/// <summary>What an affinity rule looks at on a node.</summary>
public enum AffinityTarget
{
    /// <summary>The node's name.</summary>
    Node,

    /// <summary>One of the node's labels.</summary>
    Label,

    /// <summary>Whether the node runs an instance of a service.</summary>
    Service,

    /// <summary>Whether the node runs a given instance (container), e.g. web-1.</summary>
    Container,
}

/// <summary>
/// One parsed affinity rule: <c>node==x</c>, <c>label!=k=v</c>, <c>service==db</c>, <c>container!=web-1</c>.
/// <c>==</c>/<c>!=</c> compare exactly, <c>=~</c>/<c>!~</c> match a regular expression. A label rule without
/// <c>=value</c> asks only for the key. Compose placement constraints map onto the same rules
/// (<c>node.hostname==x</c> is <c>node==x</c>, <c>node.labels.k==v</c> is <c>label==k=v</c>).
/// </summary>
public sealed record AffinityRule(AffinityTarget Target, bool Negated, bool IsRegex, string? Key, string Value, bool IsKeyOnly = false)
{
    /// <summary>Node and label rules depend only on the node; service and container rules on what runs there.</summary>
    public bool IsStatic => Target is AffinityTarget.Node or AffinityTarget.Label;

    /// <summary>The rule in Satama's own form, e.g. <c>label==az=a</c>.</summary>
    public override string ToString()
    {
        var op = (Negated, IsRegex) switch
        {
            (false, false) => "==",
            (true, false) => "!=",
            (false, true) => "=~",
            (true, true) => "!~",
        };
        var target = Target.ToString().ToLowerInvariant();
        if (Target != AffinityTarget.Label)
        {
            return $"{target}{op}{Value}";
        }
        return IsKeyOnly ? $"{target}{op}{Key}" : $"{target}{op}{Key}={Value}";
    }

    /// <summary>Parses one rule; errors and notes are values, never exceptions.</summary>
    public static AffinityParseResult Parse(string? text) => AffinityParser.Parse(text);
}

/// <summary>
/// The outcome of parsing one affinity rule: a <see cref="Rule"/>, or an <see cref="Error"/>, or neither with a
/// <see cref="Note"/> when the rule is understood but means nothing here (Compose <c>node.role</c>).
/// </summary>
public sealed record AffinityParseResult(AffinityRule? Rule, string? Error, string? Note)
{
    public static AffinityParseResult Ok(AffinityRule rule) => new(rule, null, null);

    public static AffinityParseResult Fail(string error) => new(null, error, null);

    public static AffinityParseResult Ignored(string note) => new(null, null, note);
}
