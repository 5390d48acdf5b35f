using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

/// <summary>Reads <c>env_file</c> entries through the injected resolver: KEY=VALUE lines, # comments, optional quotes.</summary>
internal static class EnvFiles
{
    public static void Load(ParseContext ctx, YamlNode node, string path, string file, Dictionary<string, string> environment)
    {
        var entries = new List<(string Name, bool Required, YamlNode Node, string Path)>();
        if (node is YamlScalar { IsNull: false } single)
        {
            entries.Add((single.Value, true, single, path));
        }
        else if (node is YamlSequence seq)
        {
            for (var i = 0; i < seq.Items.Count; i++)
            {
                var itemPath = ParseContext.Index(path, i);
                if (seq.Items[i] is YamlMapping map && map["path"] is YamlScalar p)
                {
                    var required = map["required"] is not { } r || NodeReader.Bool(ctx, r, ParseContext.Join(itemPath, "required")) != false;
                    entries.Add((p.Value, required, p, itemPath));
                }
                else if (NodeReader.String(ctx, seq.Items[i], itemPath) is { } name)
                {
                    entries.Add((name, true, seq.Items[i], itemPath));
                }
            }
        }
        else if (node is not YamlScalar { IsNull: true })
        {
            ctx.Error(node, path, $"expected a file name or a list of them, not {node.Kind}");
        }
        foreach (var entry in entries)
        {
            // Relative to the file the env_file key was written in (an extended service may come from another file).
            var resolved = FilePaths.Resolve(entry.Node.Mark.File.Length > 0 ? entry.Node.Mark.File : file, entry.Name);
            var text = ctx.Options.ResolveFile?.Invoke(resolved);
            if (text is null)
            {
                if (entry.Required)
                {
                    ctx.Error(entry.Node, entry.Path, $"env_file `{entry.Name}` not found");
                }
                continue;
            }
            Parse(ctx, text, entry.Node, entry.Path, entry.Name, environment);
        }
    }

    private static void Parse(ParseContext ctx, string text, YamlNode node, string path, string name, Dictionary<string, string> environment) =>
        Parse(text, ctx.Lookup, environment, (line, message) => ctx.Error(node, path, $"env_file `{name}` line {line}: {message}"));

    /// <summary>Reads KEY=VALUE lines as docker compose does; a bare KEY takes its value from <paramref name="lookup"/>.</summary>
    public static void Parse(string text, Func<string, string?> lookup, Dictionary<string, string> environment, Action<int, string> error)
    {
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line[7..].TrimStart();
            }
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? line : line[..eq].Trim();
            if (key.Length == 0 || key.Any(char.IsWhiteSpace))
            {
                error(lineNumber, "expected KEY=VALUE");
                continue;
            }
            if (eq < 0)
            {
                if (lookup(key) is { } passed)
                {
                    environment[key] = passed;
                }
                continue;
            }
            var value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0])
            {
                value = value[1..^1];
            }
            else if (value.IndexOf(" #", StringComparison.Ordinal) is var comment and >= 0)
            {
                // As docker compose reads env files: an unquoted value ends at " #".
                value = value[..comment].TrimEnd();
            }
            environment[key] = value;
        }
    }
}
