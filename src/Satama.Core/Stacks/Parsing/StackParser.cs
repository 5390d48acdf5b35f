using System.Text.RegularExpressions;
using Satama.Core.Model;
using Satama.Core.Stacks.Model;
using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

/// <summary>
/// Parses one stack file (Compose or Kontena 1.x, told apart by a top-level <c>stack:</c> key) into the
/// normalized model, then validates it; every problem is collected, none stops the others.
/// </summary>
internal sealed partial class StackParser
{
    /// <summary>Kontena depends chains and extends files deeper than this are refused (cycles between files).</summary>
    public const int MaxFileDepth = 8;

    private readonly ParseContext _ctx;
    private readonly TreeInterpolator _interpolator;
    private readonly string _file;

    private StackParser(ParseContext ctx, string file)
    {
        _ctx = ctx;
        _file = file;
        _interpolator = new TreeInterpolator(ctx);
    }

    public static StackParseResult Parse(string text, string file, StackParseOptions options, int depth = 0)
    {
        var diagnostics = new List<StackDiagnostic>();
        var ctx = new ParseContext(options, diagnostics) { FileDepth = depth };
        var stack = new StackParser(ctx, file).Run(text);
        var ordered = diagnostics
            .Select((d, i) => (d, i))
            .OrderBy(x => x.d.File == file ? 0 : 1).ThenBy(x => x.d.File, StringComparer.Ordinal)
            .ThenBy(x => x.d.Line).ThenBy(x => x.d.Column).ThenBy(x => x.i)
            .Select(x => x.d).Distinct().ToList();
        stack = stack is null ? null : stack with { Warnings = new(ordered.Where(d => !d.IsError)) };
        return new StackParseResult(stack, ordered)
        {
            VaultWrites = new Dictionary<string, string>(ctx.VaultWrites, StringComparer.Ordinal),
            Generated = new Dictionary<string, string>(ctx.Generated, StringComparer.Ordinal),
            Marks = ctx.Marks,
            File = file,
        };
    }

    private StackSpec? Run(string text)
    {
        if (LiquidPosition(text) is { } liquid)
        {
            _ctx.Diagnostics.Add(new YamlMark(_file, liquid.Line, liquid.Column).Error("",
                "Liquid templating ({% ... %}) is not supported: use variables with only_if/skip_if, or ${VAR} interpolation"));
            return null;
        }
        if (YamlLoader.Load(text, _file, _ctx.Diagnostics) is not { } root)
        {
            return null;
        }
        if (root is not YamlMapping top)
        {
            _ctx.Error(root, "", $"a stack file must be a mapping of keys (services, networks, …) at the top, not {root.Kind}");
            return null;
        }
        var kontena = top.Contains("stack");
        LoadDotEnv();
        var name = StackName(top, kontena);
        _ctx.Values["STACK"] = name ?? "";
        _ctx.Values["GRID"] = _ctx.Options.Grid;
        _ctx.Values["PLATFORM"] = _ctx.Options.Platform;
        if (top["variables"] is { } variables)
        {
            new VariableResolver(_ctx, _interpolator).Resolve(variables, "variables");
        }
        var tree = (YamlMapping)_interpolator.Interpolate(top, "", k => k is "variables" or "stack" or "name");
        var stack = new StackSpec { Name = name ?? "" };
        foreach (var (key, value) in tree.Entries)
        {
            _ctx.Remember(key.Value, key);
            stack = key.Value switch
            {
                "version" => kontena ? stack with { Version = NodeReader.String(_ctx, value, "version") } : stack,
                "name" or "stack" or "variables" => stack,
                "description" => stack with { Description = NodeReader.String(_ctx, value, "description") },
                "expose" => stack with { Expose = NodeReader.String(_ctx, value, "expose") },
                "services" => stack with { Services = Services(value) },
                "networks" => stack with { Networks = Networks(value) },
                "volumes" => stack with { Volumes = Volumes(value) },
                "secrets" => stack with { Secrets = Secrets(value, "secrets") },
                "configs" => stack with { Configs = Secrets(value, "configs") },
                "depends" => stack with { Dependencies = Dependencies(value, name ?? "") },
                _ when key.Value.StartsWith("x-", StringComparison.Ordinal) => stack,
                _ => Unknown(key, stack),
            };
        }
        if (!tree.Contains("services"))
        {
            _ctx.Error(tree, "", "the stack has no `services`");
        }
        else if (tree["services"] is YamlScalar { IsNull: true } or YamlMapping { Entries.Count: 0 })
        {
            _ctx.Error(tree.KeyOf("services")!, "services", "`services` is empty: a stack needs at least one service");
        }
        StackValidator.Check(stack, _file, _ctx.Marks, _ctx.Diagnostics);
        return stack;
    }

    // Compose reads `.env` beside the file for interpolation defaults; the caller's environment wins over it.
    private void LoadDotEnv()
    {
        var path = FilePaths.Resolve(_file, ".env");
        if (_ctx.Options.ResolveFile?.Invoke(path) is { } text)
        {
            EnvFiles.Parse(text, _ => null, _ctx.DotEnv, (line, message) => _ctx.Diagnostics.Add(new YamlMark(path, line, 1).Error("", message)));
        }
    }

    private StackSpec Unknown(YamlScalar key, StackSpec stack)
    {
        var hint = key.Value is "include" ? " (include is not supported: put the services in this file or use Kontena-style `depends`)" : "";
        _ctx.Diagnostics.Add(key.Mark.Error(key.Value, $"unknown top-level key `{key.Value}`{KeySuggester.Hint(key.Value, TopLevelKeys.All)}{hint}"));
        return stack;
    }

    private string? StackName(YamlMapping top, bool kontena)
    {
        var key = kontena ? "stack" : "name";
        var node = top[key];
        var written = node is YamlScalar s ? _interpolator.Scalar(s, key).Value : null;
        if (node is not null and not YamlScalar)
        {
            _ctx.Error(node, key, $"expected a string, not {node.Kind}");
        }
        if (kontena && written is not null && written.Contains('/', StringComparison.Ordinal))
        {
            // Kontena's `user/name`: the user part named the owner in the Kontena stack registry.
            written = written[(written.LastIndexOf('/') + 1)..];
        }
        var name = _ctx.Options.StackName ?? written ?? DirectoryName() ?? _ctx.Options.DefaultStackName;
        if (name is null)
        {
            _ctx.Error(top, "", "the stack has no name: add `name:` at the top (or pass --name)");
            return null;
        }
        if (Names.Check("stack", name) is { } error)
        {
            _ctx.Diagnostics.Add((node ?? top).Mark.Error(key, error));
        }
        else if (name == Names.NullStack)
        {
            _ctx.Diagnostics.Add((node ?? top).Mark.Error(key, $"stack name `{name}` is reserved for services created outside any stack"));
        }
        return name;
    }

    // Compose names a project after its directory; a bare file name gives none.
    private string? DirectoryName()
    {
        var parts = _file.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return null;
        }
        var dir = new string(parts[^2].ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return dir.Length == 0 ? null : dir;
    }

    /// <summary>
    /// Line and column of the first Liquid tag (Kontena 1.x rendered Liquid before reading YAML). Only real tag
    /// names count, so a <c>printf "{%s}"</c> in a command is not taken for a template.
    /// </summary>
    internal static (int Line, int Column)? LiquidPosition(string text)
    {
        var match = LiquidTag().Match(text);
        if (!match.Success)
        {
            return null;
        }
        var at = match.Index;
        var line = 1 + text.AsSpan(0, at).Count('\n');
        var column = at - (text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1) + 1;
        return (line, column);
    }

    [GeneratedRegex(@"\{%-?\s*(if|unless|elsif|else|endif|endunless|for|endfor|case|when|endcase|assign|capture|endcapture|comment|endcomment|raw|endraw|include|render|increment|decrement|cycle|break|continue|liquid|echo|tablerow|endtablerow)\b")]
    private static partial Regex LiquidTag();
}
