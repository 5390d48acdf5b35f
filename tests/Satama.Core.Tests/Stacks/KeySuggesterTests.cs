using Satama.Core.Stacks.Parsing;

namespace Satama.Core.Tests.Stacks;

public sealed class KeySuggesterTests
{
    [Theory]
    [InlineData("enviroment", "environment")]
    [InlineData("enviornment", "environment")]
    [InlineData("envrionment", "environment")]
    [InlineData("Environment", "environment")]
    [InlineData("imgae", "image")]
    [InlineData("image_", "image")]
    [InlineData("port", "ports")]
    [InlineData("volume", "volumes")]
    [InlineData("depend_on", "depends_on")]
    [InlineData("healthchek", "healthcheck")]
    [InlineData("health-check", "health_check")]
    [InlineData("comand", "command")]
    [InlineData("restrat", "restart")]
    [InlineData("instance", "instances")]
    [InlineData("afinity", "affinity")]
    public void Suggests_the_closest_service_key(string typo, string expected) =>
        Assert.Equal(expected, KeySuggester.Closest(typo, ServiceKeys.All));

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("x")]
    [InlineData("completely_unrelated_key")]
    public void Suggests_nothing_when_no_key_is_close(string key) => Assert.Null(KeySuggester.Closest(key, ServiceKeys.All));

    [Theory]
    [InlineData("servces", "services")]
    [InlineData("network", "networks")]
    [InlineData("secret", "secrets")]
    [InlineData("varibles", "variables")]
    public void Suggests_the_closest_top_level_key(string typo, string expected) =>
        Assert.Equal(expected, KeySuggester.Closest(typo, TopLevelKeys.All));

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "abc", 0)]
    [InlineData("abc", "acb", 1)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ca", "abc", 3)]
    public void Distance_is_optimal_string_alignment(string a, string b, int expected) => Assert.Equal(expected, KeySuggester.Distance(a, b));

    [Fact]
    public void Hint_reads_as_a_question() =>
        Assert.Equal(" (did you mean `environment`?)", KeySuggester.Hint("enviroment", ServiceKeys.All));
}
