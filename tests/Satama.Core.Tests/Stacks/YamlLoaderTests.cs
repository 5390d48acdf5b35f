using Satama.Core.Stacks;
using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Tests.Stacks;

public sealed class YamlLoaderTests
{
    private static (YamlNode? Root, List<StackDiagnostic> Diagnostics) Load(string text)
    {
        var diagnostics = new List<StackDiagnostic>();
        return (YamlLoader.Load(text, "f.yml", diagnostics), diagnostics);
    }

    [Fact]
    public void Every_node_keeps_its_one_based_line_and_column()
    {
        var (root, diagnostics) = Load("a:\n  b: [1, 2]\n  c: x\n");

        Assert.Empty(diagnostics);
        var b = (YamlSequence)((YamlMapping)((YamlMapping)root!)["a"]!)["b"]!;
        Assert.Equal((2, 6), (b.Mark.Line, b.Mark.Column));
        Assert.Equal((2, 10), (b.Items[1].Mark.Line, b.Items[1].Mark.Column));
    }

    [Fact]
    public void Merge_keys_give_explicit_keys_precedence_then_earlier_sources()
    {
        var (root, diagnostics) = Load("a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  x: 3\n");

        Assert.Empty(diagnostics);
        var c = (YamlMapping)((YamlMapping)root!)["c"]!;
        Assert.Equal(["x", "y", "z"], c.Entries.Select(e => e.Key.Value));
        Assert.Equal(["3", "1", "2"], c.Entries.Select(e => ((YamlScalar)e.Value).Value));
    }

    [Fact]
    public void An_alias_reuses_the_anchored_node()
    {
        var (root, _) = Load("a: &v hello\nb: *v\n");

        var map = (YamlMapping)root!;
        Assert.Same(map["a"], map["b"]);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        var text = new string('[', 100_000) + new string(']', 100_000);

        var (root, diagnostics) = Load(text);

        Assert.Null(root);
        Assert.Equal("f.yml:1:101: the file nests deeper than 100 levels", Assert.Single(diagnostics).ToString());
    }

    [Fact]
    public void An_alias_bomb_is_refused()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 10; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        var (root, diagnostics) = Load(string.Join("\n", lines));

        Assert.Null(root);
        Assert.Contains("expands to more than", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: [1, 2\n", "not valid YAML")]
    [InlineData("a: 'open\n", "not valid YAML")]
    [InlineData("a: 1\n---\nb: 2\n", "one YAML document")]
    [InlineData("a: *missing\n", "unknown alias `*missing`")]
    [InlineData("? [a]\n: b\n", "a mapping key must be a plain value")]
    [InlineData("a: 1\na: 2\n", "duplicate key `a`")]
    [InlineData("", "the file is empty")]
    [InlineData("# only a comment\n", "the file is empty")]
    public void Bad_input_is_a_diagnostic_never_an_exception(string text, string message)
    {
        var (_, diagnostics) = Load(text);

        Assert.Contains(message, Assert.Single(diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tab_in_the_indentation_is_reported_where_it_is()
    {
        var (_, diagnostics) = Load("a:\n  b: 1\nc:\n\td: 2\n");

        var d = Assert.Single(diagnostics);
        Assert.Equal((4, 1), (d.Line, d.Column));
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(7);
        const string alphabet = "ab: -[]{}&*!|>'\"%@`#,?\n\t  ";
        for (var i = 0; i < 2000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 60)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

            var result = StackFile.Parse(text, "fuzz.yml");

            Assert.NotNull(result);
        }
    }
}
