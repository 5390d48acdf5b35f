using CsCheck;
using Satama.Core.Stacks;
using Satama.Core.Stacks.Model;

namespace Satama.Core.Tests.Stacks;

public sealed class StackRoundTripTests
{
    [Fact]
    public void Serialize_then_parse_gives_an_equal_stack_for_generated_stacks()
    {
        StackGenerators.Stack.Sample(stack =>
        {
            var yaml = StackSerializer.Serialize(stack);

            var result = StackFile.Parse(yaml, "generated.yml");

            Assert.True(result.Succeeded, string.Join("\n", result.Errors) + "\n" + yaml);
            Assert.Equal(stack, result.Stack! with { Warnings = ValueList<StackDiagnostic>.Empty });
        }, iter: 500);
    }

    [Fact]
    public void Serialization_is_deterministic_and_a_fixed_point()
    {
        StackGenerators.Stack.Sample(stack =>
        {
            var yaml = StackSerializer.Serialize(stack);
            var again = StackSerializer.Serialize(StackFile.Parse(yaml, "generated.yml").Stack!);

            Assert.Equal(yaml, again);
        }, iter: 200);
    }

    [Fact]
    public void Generated_strings_survive_as_environment_values()
    {
        StackGenerators.Text.Sample(text =>
        {
            var stack = new StackSpec
            {
                Name = "s",
                Services = new[] { new StackServiceSpec { Name = "web", Image = "nginx", Environment = new(new Dictionary<string, string> { ["V"] = text }) } },
            };

            var parsed = StackFile.Parse(StackSerializer.Serialize(stack), "s.yml").Stack!;

            Assert.Equal(text, parsed.Services[0].Environment["V"]);
        }, iter: 1000);
    }
}
