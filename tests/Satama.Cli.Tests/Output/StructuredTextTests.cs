using Satama.Cli.Output;

namespace Satama.Cli.Tests.Output;

public sealed class StructuredTextTests
{
    [Fact]
    public void Yaml_has_the_json_shape_with_ambiguous_strings_quoted()
    {
        var yaml = StructuredText.ToYaml(new { stackName = "null", port = "8080", count = 2, on = true, none = (string?)null, list = new[] { "a" } });

        Assert.Equal("stackName: \"null\"\nport: \"8080\"\ncount: 2\non: true\nnone: \nlist:\n- a\n", yaml.Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
