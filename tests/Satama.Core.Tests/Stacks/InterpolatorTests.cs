using Satama.Core.Stacks.Parsing;

namespace Satama.Core.Tests.Stacks;

public sealed class InterpolatorTests
{
    private static readonly Dictionary<string, string> s_vars = new()
    {
        ["TAG"] = "1.2",
        ["EMPTY"] = "",
        ["HOST"] = "db",
    };

    private static (string Value, List<string> Errors, List<string> Unset) Run(string text)
    {
        var errors = new List<(int, string Message)>();
        var unset = new List<(int, string Name)>();
        var value = Interpolator.Interpolate(text, n => s_vars.GetValueOrDefault(n), errors, unset);
        return (value, [.. errors.Select(e => e.Message)], [.. unset.Select(u => u.Name)]);
    }

    [Fact]
    public void Problems_carry_the_index_of_their_reference()
    {
        var errors = new List<(int Index, string Message)>();
        var unset = new List<(int Index, string Name)>();

        Interpolator.Interpolate("ab${X:?no} $Y ${Z:-${W}}", _ => null, errors, unset);

        Assert.Equal([2], errors.Select(e => e.Index));
        Assert.Equal([(11, "Y"), (19, "W")], unset);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("${TAG}", "1.2")]
    [InlineData("$TAG", "1.2")]
    [InlineData("v$TAG-x", "v1.2-x")]
    [InlineData("$TAG.x", "1.2.x")]
    [InlineData("${TAG}${HOST}", "1.2db")]
    [InlineData("$$", "$")]
    [InlineData("$$TAG", "$TAG")]
    [InlineData("$${TAG}", "${TAG}")]
    [InlineData("$$$TAG", "$1.2")]
    [InlineData("a$", "a$")]
    [InlineData("5$ and $1", "5$ and $1")]
    [InlineData("${MISSING:-fallback}", "fallback")]
    [InlineData("${MISSING-fallback}", "fallback")]
    [InlineData("${EMPTY:-fallback}", "fallback")]
    [InlineData("${EMPTY-fallback}", "")]
    [InlineData("${TAG:-fallback}", "1.2")]
    [InlineData("${MISSING:-${TAG}}", "1.2")]
    [InlineData("${MISSING:-${ALSO_MISSING:-deep}}", "deep")]
    [InlineData("${MISSING:-a b:c}", "a b:c")]
    [InlineData("${MISSING:-}", "")]
    [InlineData("${TAG:+set}", "set")]
    [InlineData("${EMPTY:+set}", "")]
    [InlineData("${EMPTY+set}", "set")]
    [InlineData("${MISSING+set}", "")]
    [InlineData("${TAG:?never}", "1.2")]
    [InlineData("{% not liquid here %}", "{% not liquid here %}")]
    public void Substitutes_as_Compose_does(string text, string expected)
    {
        var (value, errors, _) = Run(text);

        Assert.Equal(expected, value);
        Assert.Empty(errors);
    }

    [Fact]
    public void An_unset_variable_becomes_empty_and_is_reported_once()
    {
        var (value, errors, unset) = Run("${NOPE}-$NOPE-${OTHER}");

        Assert.Equal("--", value);
        Assert.Empty(errors);
        Assert.Equal(["NOPE", "OTHER"], unset);
    }

    [Theory]
    [InlineData("${DB:?give the password}", "variable `DB` is required: give the password")]
    [InlineData("${DB?}", "variable `DB` is required")]
    [InlineData("${EMPTY:?must not be empty}", "variable `EMPTY` is required: must not be empty")]
    [InlineData("${1A}", "invalid variable reference `${1A}`: a name is letters, digits and '_', not starting with a digit")]
    [InlineData("${}", "invalid variable reference `${}`: a name is letters, digits and '_', not starting with a digit")]
    [InlineData("${A B}", "invalid variable reference `${A B}`: expected `${A}`, `${A:-default}` or `${A:?message}`")]
    [InlineData("${OPEN", "unterminated `${` in `${OPEN`")]
    public void Mistakes_are_errors_naming_the_variable(string text, string error)
    {
        var (_, errors, _) = Run(text);

        Assert.Equal([error], errors);
    }

    [Fact]
    public void Required_with_a_set_but_empty_variable_and_no_colon_is_fine()
    {
        var (value, errors, _) = Run("${EMPTY?x}");

        Assert.Equal("", value);
        Assert.Empty(errors);
    }

    [Fact]
    public void Long_text_with_many_references_is_linear_enough()
    {
        var text = string.Concat(Enumerable.Repeat("${TAG}$$x", 20_000));

        var (value, errors, _) = Run(text);

        Assert.Empty(errors);
        Assert.Equal(20_000 * "1.2$x".Length, value.Length);
    }

    [Fact]
    public void Deeply_nested_defaults_are_an_error_not_a_stack_overflow()
    {
        var text = string.Concat(Enumerable.Repeat("${A:-", 100_000)) + "x" + new string('}', 100_000);

        var (_, errors, _) = Run(text);

        Assert.Equal(["variable references nest deeper than 16 levels"], errors);
    }
}
