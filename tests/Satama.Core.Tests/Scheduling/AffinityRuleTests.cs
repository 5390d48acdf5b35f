using Satama.Core.Scheduling;

namespace Satama.Core.Tests.Scheduling;

public sealed class AffinityRuleTests
{
    [Theory]
    [InlineData("node==a", AffinityTarget.Node, false, false, null, "a")]
    [InlineData("node!=a", AffinityTarget.Node, true, false, null, "a")]
    [InlineData("node=~web-.*", AffinityTarget.Node, false, true, null, "web-.*")]
    [InlineData("node!~^db", AffinityTarget.Node, true, true, null, "^db")]
    [InlineData("label==az=a", AffinityTarget.Label, false, false, "az", "a")]
    [InlineData("label!=k=v", AffinityTarget.Label, true, false, "k", "v")]
    [InlineData("label==ingress=true", AffinityTarget.Label, false, false, "ingress", "true")]
    [InlineData("label==k=a=b", AffinityTarget.Label, false, false, "k", "a=b")]
    [InlineData("label==k=", AffinityTarget.Label, false, false, "k", "")]
    [InlineData("label=~az=eu-.*", AffinityTarget.Label, false, true, "az", "eu-.*")]
    [InlineData("service==db", AffinityTarget.Service, false, false, null, "db")]
    [InlineData("service!=db", AffinityTarget.Service, true, false, null, "db")]
    [InlineData("service==shop/db", AffinityTarget.Service, false, false, null, "shop/db")]
    [InlineData("container!=web-1", AffinityTarget.Container, true, false, null, "web-1")]
    [InlineData("container==web-1", AffinityTarget.Container, false, false, null, "web-1")]
    [InlineData("  node==a  ", AffinityTarget.Node, false, false, null, "a")]
    [InlineData("node.hostname==a", AffinityTarget.Node, false, false, null, "a")]
    [InlineData("node.hostname != a", AffinityTarget.Node, true, false, null, "a")]
    [InlineData("node.labels.az==a", AffinityTarget.Label, false, false, "az", "a")]
    [InlineData("node.labels.disk.type != ssd", AffinityTarget.Label, true, false, "disk.type", "ssd")]
    public void Rules_parse_into_target_operator_key_and_value(string text, AffinityTarget target, bool negated, bool regex, string? key, string value)
    {
        var result = AffinityRule.Parse(text);

        Assert.Null(result.Error);
        Assert.Equal(new AffinityRule(target, negated, regex, key, value), result.Rule);
    }

    [Fact]
    public void A_label_rule_without_a_value_asks_only_for_the_key()
    {
        var rule = AffinityRule.Parse("label==gpu").Rule!;

        Assert.True(rule.IsKeyOnly);
        Assert.Equal("gpu", rule.Key);
        Assert.Equal("label==gpu", rule.ToString());
    }

    [Theory]
    [InlineData("node.role==manager", "node.role")]
    [InlineData("node.role != worker", "node.role")]
    [InlineData("node.id==abc", "node.id")]
    [InlineData("node.platform.os==linux", "node.platform.os")]
    public void Compose_constraints_on_what_satama_nodes_lack_are_ignored_with_a_note(string text, string field)
    {
        var result = AffinityRule.Parse(text);

        Assert.Null(result.Rule);
        Assert.Null(result.Error);
        Assert.Contains("is ignored", result.Note);
        Assert.Contains(field["node.".Length..], result.Note);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData(null, "empty")]
    [InlineData("host==a", "is not node|label|service|container")]
    [InlineData("node=a", "is not node|label|service|container")]
    [InlineData("node<>a", "is not node|label|service|container")]
    [InlineData("node==", "has no value")]
    [InlineData("service!=", "has no value")]
    [InlineData("label===v", "names no label key")]
    [InlineData("label==", "names no label key")]
    [InlineData("label=~gpu", "needs key=pattern")]
    [InlineData("node=~([", "invalid regular expression")]
    [InlineData("label=~az=[", "invalid regular expression")]
    public void Malformed_rules_are_errors_that_name_the_rule(string? text, string expected)
    {
        var result = AffinityRule.Parse(text);

        Assert.Null(result.Rule);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void An_overlong_rule_is_refused_and_quoted_only_in_part()
    {
        var result = AffinityRule.Parse("node==" + new string('a', 600));

        Assert.Contains("longer than 512 characters", result.Error);
        Assert.True(result.Error!.Length < 200);
    }

    [Theory]
    [InlineData("node==a")]
    [InlineData("node!~^db")]
    [InlineData("label==az=a")]
    [InlineData("label!=gpu")]
    [InlineData("label=~az=eu-.*")]
    [InlineData("service==shop/db")]
    [InlineData("container!=web-1")]
    public void A_rule_prints_in_the_form_it_parses_from(string text)
    {
        var rule = AffinityRule.Parse(text).Rule!;

        Assert.Equal(text, rule.ToString());
        Assert.Equal(rule, AffinityRule.Parse(rule.ToString()).Rule);
    }

    [Fact]
    public void Compose_constraints_print_in_satamas_form()
    {
        Assert.Equal("label==az=a", AffinityRule.Parse("node.labels.az == a").Rule!.ToString());
        Assert.Equal("node!=b", AffinityRule.Parse("node.hostname!=b").Rule!.ToString());
    }
}
