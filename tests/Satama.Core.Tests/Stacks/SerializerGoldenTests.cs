using System.Runtime.CompilerServices;
using Satama.Core.Stacks;

namespace Satama.Core.Tests.Stacks;

/// <summary>
/// The normalized form `stack validate` prints, for a few corpus stacks, kept as golden files in
/// Corpus/normalized (SATAMA_UPDATE_CORPUS=1 rewrites them).
/// </summary>
public sealed class SerializerGoldenTests
{
    [Theory]
    [InlineData("c-full-service.yml")]
    [InlineData("c-deploy.yml")]
    [InlineData("c-anchors-merge.yml")]
    [InlineData("k-health-check-hooks.yml")]
    [InlineData("k-vault.yml")]
    public void Normalized_stack_matches_its_golden_file(string name)
    {
        var yaml = StackSerializer.Serialize(CorpusFile.Stack(name));

        var golden = Path.Combine("normalized", name);
        if (Environment.GetEnvironmentVariable("SATAMA_UPDATE_CORPUS") == "1")
        {
            File.WriteAllText(Path.Combine(SourceCorpus(), golden), yaml);
            return;
        }
        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Stacks", "Corpus", golden)), yaml);
    }

    private static string SourceCorpus([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Corpus");
}
