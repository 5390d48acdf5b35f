using Satama.Core.Stacks;

namespace Satama.Core.Tests.Stacks;

/// <summary>StackParseResult.Generated: what a client must send along so that a master renders the same values.</summary>
public sealed class GeneratedVariablesTests
{
    private const string File = """
        stack: gen
        variables:
          password:
            type: string
            from:
              random_string: 8
          port:
            type: integer
            from:
              random_number: {min: 1000, max: 1999}
          id:
            from:
              random_uuid:
          tier:
            from:
              env: TIER
              random_string: 4
          fixed:
            default: plain
        services:
          web:
            image: busybox
            environment:
              PASSWORD: ${password}
              PORT: ${port}
              ID: ${id}
              TIER: ${tier}
              FIXED: ${fixed}
        """;

    [Fact]
    public void Generated_lists_exactly_the_values_made_by_a_generator()
    {
        var result = StackFile.Parse(File, "gen.yml", new StackParseOptions
        {
            Environment = new Dictionary<string, string> { ["TIER"] = "gold" },
            Random = new Random(7).Next,
        });

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(["id", "password", "port"], result.Generated.Keys.Order(StringComparer.Ordinal));
        var env = result.Stack!.Service("web")!.Environment;
        Assert.Equal(env["PASSWORD"], result.Generated["password"]);
        Assert.Equal(env["PORT"], result.Generated["port"]);
        Assert.Equal(env["ID"], result.Generated["id"]);
    }

    [Fact]
    public void Sending_them_back_as_variables_renders_the_same_stack_without_a_random_source()
    {
        var first = StackFile.Parse(File, "gen.yml", new StackParseOptions { Random = new Random(1).Next });

        var again = StackFile.Parse(File, "gen.yml", new StackParseOptions { Variables = first.Generated });

        Assert.True(again.Succeeded, string.Join("\n", again.Diagnostics));
        Assert.Equal(first.Stack, again.Stack);
        Assert.Empty(again.Generated);
    }
}
