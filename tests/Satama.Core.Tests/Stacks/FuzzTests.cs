using Satama.Core.Stacks;

namespace Satama.Core.Tests.Stacks;

/// <summary>Mangled versions of every corpus file: whatever the damage, a parse returns diagnostics and never throws.</summary>
public sealed class FuzzTests
{
    private const string Alphabet = " \n\t:-[]{}&*!|>'\"%@#,?$<01azAZ";

    [Fact]
    public void Mutated_corpus_files_never_throw()
    {
        var random = new Random(20261125);
        var corpus = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Stacks", "Corpus"), "*.yml").Select(File.ReadAllText).ToArray();
        for (var i = 0; i < 4000; i++)
        {
            var text = corpus[random.Next(corpus.Length)].ToCharArray().ToList();
            for (var m = random.Next(1, 6); m > 0 && text.Count > 0; m--)
            {
                var at = random.Next(text.Count);
                switch (random.Next(3))
                {
                    case 0: text.RemoveAt(at); break;
                    case 1: text.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                    default: text[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                }
            }
            var mutated = new string([.. text]);

            var result = StackFile.Parse(mutated, "fuzz.yml", CorpusTests.Options(mutated));

            Assert.True(result.Stack is not null || result.Errors.Any(), mutated);
        }
    }

    [Fact]
    public void Binary_and_control_characters_never_throw()
    {
        var random = new Random(3);
        for (var i = 0; i < 3000; i++)
        {
            var chars = Enumerable.Range(0, random.Next(0, 80)).Select(_ => random.Next(4) == 0 ? (char)random.Next(0, 0xFFFF) : Alphabet[random.Next(Alphabet.Length)]).ToArray();
            var text = "services:\n  web:\n    image: " + new string(chars);

            var result = StackFile.Parse(text, "bin.yml");

            Assert.True(result.Stack is not null || result.Errors.Any());
        }
    }
}
