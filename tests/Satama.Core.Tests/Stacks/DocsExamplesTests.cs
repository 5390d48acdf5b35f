using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Satama.Core.Stacks;

namespace Satama.Core.Tests.Stacks;

/// <summary>Every yaml example in docs/stack-file.md is a stack file the parser accepts, so the reference cannot drift.</summary>
public sealed partial class DocsExamplesTests
{
    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    public static TheoryData<int> Examples() => new(Enumerable.Range(0, Blocks().Count));

    [Fact]
    public void The_reference_has_an_example_for_each_section() => Assert.True(Blocks().Count >= 37, $"{Blocks().Count} examples");

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_parses_without_errors(int index)
    {
        var text = Blocks()[index];
        var random = new Random(1);

        var result = StackFile.Parse(text, "docs/example.yml", new StackParseOptions
        {
            ResolveFile = path => path.EndsWith(".yml", StringComparison.Ordinal) ? "stack: child\nservices:\n  svc:\n    image: busybox\n" : "",
            Random = random.Next,
        });

        Assert.True(result.Succeeded, text + "\n" + string.Join("\n", result.Errors));
    }

    private static List<string> Blocks([CallerFilePath] string path = "")
    {
        var docs = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", "..", "docs", "stack-file.md"));
        return [.. YamlBlock().Matches(File.ReadAllText(docs)).Select(m => m.Groups[1].Value)];
    }
}
