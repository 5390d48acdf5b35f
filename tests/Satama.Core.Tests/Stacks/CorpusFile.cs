using Satama.Core.Stacks;
using Satama.Core.Stacks.Model;

namespace Satama.Core.Tests.Stacks;

/// <summary>Parses a corpus file with the options its header comments give.</summary>
internal static class CorpusFile
{
    public static StackParseResult Parse(string name, Func<StackParseOptions, StackParseOptions>? adjust = null)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Stacks", "Corpus", name));
        var options = CorpusTests.Options(text);
        return StackFile.Parse(text, name, adjust is null ? options : adjust(options));
    }

    public static StackSpec Stack(string name)
    {
        var result = Parse(name);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Stack!;
    }
}
