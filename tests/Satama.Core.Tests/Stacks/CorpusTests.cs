using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Satama.Core.Stacks;

namespace Satama.Core.Tests.Stacks;

/// <summary>
/// Every Corpus/*.yml is parsed and its diagnostics compared line by line with Corpus/*.expected
/// ("line:column severity path: message"). Comment lines at the top set options: `# var: K=V`,
/// `# env: K=V`, `# name: N`, `# grid: G`, `# answer: V` (interactive, every prompt gets V), `# vault: A,B` (the names in the
/// grid's vault, as a master passes them; `# vault: ` for an empty vault).
/// SATAMA_UPDATE_CORPUS=1 rewrites the .expected files in the source tree (review the diff!).
/// </summary>
public sealed class CorpusTests
{
    private static readonly string s_corpus = Path.Combine(AppContext.BaseDirectory, "Stacks", "Corpus");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(s_corpus, "*.yml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Fact]
    public void The_corpus_has_at_least_60_stack_files() => Assert.True(Cases().Count >= 60, $"{Cases().Count} files");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Corpus_file_gives_exactly_the_expected_diagnostics(string name)
    {
        var text = File.ReadAllText(Path.Combine(s_corpus, name));

        var result = StackFile.Parse(text, name, Options(text));

        var actual = Format(result);
        var expectedPath = Path.Combine(s_corpus, Path.ChangeExtension(name, ".expected"));
        if (Environment.GetEnvironmentVariable("SATAMA_UPDATE_CORPUS") == "1")
        {
            File.WriteAllText(Path.Combine(SourceCorpus(), Path.ChangeExtension(name, ".expected")), actual);
            return;
        }
        Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing; actual:\n{actual}");
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_corpus_stack_without_errors_survives_serialize_and_parse(string name)
    {
        var text = File.ReadAllText(Path.Combine(s_corpus, name));
        var first = StackFile.Parse(text, name, Options(text));
        if (!first.Succeeded || first.Stack!.Dependencies.Count > 0)
        {
            return;
        }

        var yaml = StackSerializer.Serialize(first.Stack);
        var second = StackFile.Parse(yaml, "normalized.yml");

        Assert.True(second.Succeeded, string.Join("\n", second.Errors) + "\n" + yaml);
        Assert.Equal(first.Stack with { Warnings = new([]) }, second.Stack! with { Warnings = new([]) });
        Assert.Equal(yaml, StackSerializer.Serialize(second.Stack!));
    }

    internal static StackParseOptions Options(string text)
    {
        var vars = new Dictionary<string, string>();
        var env = new Dictionary<string, string>();
        string? stackName = null, answer = null, grid = null;
        List<string>? vault = null;
        foreach (var line in text.Split('\n').TakeWhile(l => l.StartsWith('#')))
        {
            var (key, value) = Split(line.TrimStart('#', ' ').TrimEnd('\r'), ": ");
            var (k, v) = Split(value, "=");
            switch (key)
            {
                case "var": vars[k] = v; break;
                case "env": env[k] = v; break;
                case "name": stackName = value; break;
                case "grid": grid = value; break;
                case "answer": answer = value; break;
                case "vault": vault = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
            }
        }
        var random = new Random(42);
        return new StackParseOptions
        {
            StackName = stackName,
            Grid = grid ?? "default",
            Variables = vars,
            Environment = env,
            ResolveFile = path => File.Exists(Path.Combine(s_corpus, path)) ? File.ReadAllText(Path.Combine(s_corpus, path)) : null,
            Interactive = answer is not null,
            Prompt = answer is null ? null : _ => answer,
            Random = random.Next,
            VaultSecrets = vault,
        };
    }

    internal static string Format(StackParseResult result)
    {
        var sb = new StringBuilder();
        foreach (var d in result.Diagnostics)
        {
            var severity = d.Severity.ToString().ToLowerInvariant();
            var file = d.File.Contains('/', StringComparison.Ordinal) || d.File.EndsWith(".env", StringComparison.Ordinal) ? d.File + " " : "";
            sb.Append(CultureInfo.InvariantCulture, $"{file}{d.Line}:{d.Column} {severity} {(d.Path.Length > 0 ? d.Path + ": " : "")}{d.Message}\n");
        }
        return sb.Length == 0 ? "none\n" : sb.ToString();
    }

    private static (string, string) Split(string s, string sep)
    {
        var at = s.IndexOf(sep, StringComparison.Ordinal);
        return at < 0 ? (s, "") : (s[..at], s[(at + sep.Length)..]);
    }

    private static string SourceCorpus([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Corpus");
}
