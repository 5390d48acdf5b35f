using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

/// <summary>
/// State shared by one parse: the options, every diagnostic so far, and the position of each key path
/// seen, so that checks made later on the model (undefined networks, cycles) can still point at the file.
/// </summary>
internal sealed class ParseContext(StackParseOptions options, List<StackDiagnostic> diagnostics)
{
    public StackParseOptions Options { get; } = options;

    public List<StackDiagnostic> Diagnostics { get; } = diagnostics;

    public Dictionary<string, YamlMark> Marks { get; } = new(StringComparer.Ordinal);

    /// <summary>Variable values for interpolation and only_if/skip_if (Kontena variables, then --var, then environment).</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>The <c>.env</c> file next to the stack file: Compose's defaults for interpolation, below the environment.</summary>
    public Dictionary<string, string> DotEnv { get; } = new(StringComparer.Ordinal);

    /// <summary>Variables whose value only a master knows (vault, service_link): used without an "unset" warning.</summary>
    public HashSet<string> Unchecked { get; } = new(StringComparer.Ordinal);

    /// <summary>Values made by a random generator, by variable name (see <see cref="StackParseResult.Generated"/>).</summary>
    public Dictionary<string, string> Generated { get; } = new(StringComparer.Ordinal);

    /// <summary>Kontena <c>to: vault</c> writes, for the install to carry out.</summary>
    public Dictionary<string, string> VaultWrites { get; } = new(StringComparer.Ordinal);

    /// <summary>How many files deep we are (extends.file, depends), to refuse cycles between files.</summary>
    public int FileDepth { get; init; }

    public void Error(YamlNode node, string path, string message) => Diagnostics.Add(node.Mark.Error(path, message));

    public void Warn(YamlNode node, string path, string message) => Diagnostics.Add(node.Mark.Warning(path, message));

    public void Info(YamlNode node, string path, string message) => Diagnostics.Add(node.Mark.Info(path, message));

    public void Remember(string path, YamlNode node) => Marks.TryAdd(path, node.Mark);

    /// <summary>The value of a variable for interpolation: predefined and Kontena values, then --var, the environment, .env.</summary>
    public string? Lookup(string name) =>
        Values.TryGetValue(name, out var v) ? v : Passed(name);

    /// <summary>A value from outside the file: --var, then the caller's environment, then the .env file.</summary>
    public string? Passed(string name) =>
        Options.Variables.TryGetValue(name, out var v) ? v :
        Options.Environment.TryGetValue(name, out v) ? v :
        DotEnv.TryGetValue(name, out v) ? v : null;

    /// <summary>An unknown key: a warning or an error, with the closest known key suggested.</summary>
    public void Unknown(YamlScalar key, string path, IEnumerable<string> known, StackSeverity severity, string what)
    {
        if (key.Value.StartsWith("x-", StringComparison.Ordinal))
        {
            // Compose extension fields are allowed wherever a mapping is.
            return;
        }
        var message = $"unknown {what} `{key.Value}`{KeySuggester.Hint(key.Value, known)}";
        Diagnostics.Add(severity == StackSeverity.Error ? key.Mark.Error(path, message) : key.Mark.Warning(path, message));
    }

    /// <summary>Joins a key path: <c>services</c> + <c>web</c> = <c>services.web</c>.</summary>
    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public static string Index(string path, int index) => $"{path}[{index}]";
}
