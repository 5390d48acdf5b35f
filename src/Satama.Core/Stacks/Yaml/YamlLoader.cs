using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Satama.Core.Stacks.Yaml;

/// <summary>
/// Loads one YAML document into <see cref="YamlNode"/>s over YamlDotNet's event parser, resolving
/// anchors, aliases and merge keys (<c>&lt;&lt;</c>). Never throws for bad input: problems become diagnostics.
/// </summary>
internal static class YamlLoader
{
    /// <summary>Deeper than any real stack file; deep enough input would otherwise exhaust the stack later.</summary>
    public const int MaxDepth = 100;

    /// <summary>Nodes after alias expansion; a "billion laughs" file stops here.</summary>
    public const long MaxWeight = 2_000_000;

    public static YamlNode? Load(string text, string file, List<StackDiagnostic> diagnostics)
    {
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        YamlNode? root = null;
        var documents = 0;
        var parser = new Parser(new StringReader(text));
        try
        {
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                var mark = new YamlMark(file, (int)ev.Start.Line, (int)ev.Start.Column);
                switch (ev)
                {
                    case DocumentStart ds when !ds.IsImplicit || documents > 0:
                        documents++;
                        if (documents > 1)
                        {
                            diagnostics.Add(mark.Error("", "a stack file holds one YAML document; remove the second `---`"));
                            return null;
                        }
                        break;
                    case DocumentStart:
                        documents++;
                        break;
                    case Scalar s:
                        var scalar = new YamlScalar(mark, s.Value, s.Style == ScalarStyle.Plain && s.Tag.IsEmpty, TextOffset(s));
                        Register(anchors, s.Anchor, scalar);
                        if (!Attach(stack, scalar, ref root, diagnostics))
                        {
                            return null;
                        }
                        break;
                    case AnchorAlias alias:
                        if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            diagnostics.Add(mark.Error("", $"unknown alias `*{alias.Value.Value}`"));
                            return null;
                        }
                        if (!Attach(stack, target, ref root, diagnostics))
                        {
                            return null;
                        }
                        break;
                    case MappingStart ms:
                        if (stack.Count >= MaxDepth)
                        {
                            diagnostics.Add(mark.Error("", $"the file nests deeper than {MaxDepth} levels"));
                            return null;
                        }
                        stack.Push(new Frame(new YamlMapping(mark), ms.Anchor));
                        break;
                    case SequenceStart ss:
                        if (stack.Count >= MaxDepth)
                        {
                            diagnostics.Add(mark.Error("", $"the file nests deeper than {MaxDepth} levels"));
                            return null;
                        }
                        stack.Push(new Frame(new YamlSequence(mark), ss.Anchor));
                        break;
                    case MappingEnd or SequenceEnd:
                        var done = stack.Pop();
                        if (done.Node is YamlMapping map && !ApplyMerges(map, diagnostics))
                        {
                            return null;
                        }
                        Register(anchors, done.Anchor, done.Node);
                        if (!Attach(stack, done.Node, ref root, diagnostics))
                        {
                            return null;
                        }
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            var mark = new YamlMark(file, (int)e.Start.Line, (int)e.Start.Column);
            if (e.Start.Index == 0 && e.End.Index == 0)
            {
                // Some scanner errors (a tab in the indentation) carry no position: find it ourselves.
                mark = TabIndentation(text, file) ?? new YamlMark(file, (int)(parser.Current?.End.Line ?? 1), (int)(parser.Current?.End.Column ?? 1));
            }
            diagnostics.Add(mark.Error("", "not valid YAML: " + Clean(e.Message)));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner throws these (not YamlException) on some malformed input: still the user's
            // mistake, so a diagnostic at the last position the parser reached rather than a crash.
            var at = parser.Current?.End;
            var mark = new YamlMark(file, (int)(at?.Line ?? 1), (int)(at?.Column ?? 1));
            diagnostics.Add(mark.Error("", "not valid YAML: the parser stopped here (" + e.Message + ")"));
            return null;
        }
        if (root is null)
        {
            diagnostics.Add(new YamlMark(file, 1, 1).Error("", "the file is empty"));
        }
        return root;
    }

    // 0 for a plain scalar, 1 for a quoted one, when the source is one line holding the value verbatim
    // (its length says so: escapes would make it longer); -1 otherwise.
    private static int TextOffset(Scalar s)
    {
        if (s.Start.Line != s.End.Line || !s.Tag.IsEmpty || !s.Anchor.IsEmpty)
        {
            return -1;
        }
        var width = s.End.Column - s.Start.Column;
        return s.Style switch
        {
            ScalarStyle.Plain when width == s.Value.Length => 0,
            ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted when width == s.Value.Length + 2 => 1,
            _ => -1,
        };
    }

    private static YamlMark? TabIndentation(string text, string file)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
            {
                return new YamlMark(file, i + 1, tab + 1);
            }
        }
        return null;
    }

    private static void Register(Dictionary<string, YamlNode> anchors, AnchorName anchor, YamlNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    private static bool Attach(Stack<Frame> stack, YamlNode node, ref YamlNode? root, List<StackDiagnostic> diagnostics)
    {
        if (stack.Count == 0)
        {
            root = node;
            return true;
        }
        var frame = stack.Peek();
        if (frame.Node is YamlSequence seq)
        {
            seq.Add(node);
        }
        else if (frame.PendingKey is null)
        {
            if (node is not YamlScalar key)
            {
                diagnostics.Add(node.Mark.Error("", "a mapping key must be a plain value, not " + node.Kind));
                return false;
            }
            var map = (YamlMapping)frame.Node;
            if (!(key.Plain && key.Value == "<<") && map.Contains(key.Value))
            {
                diagnostics.Add(key.Mark.Error("", $"duplicate key `{key.Value}`"));
                return false;
            }
            frame.PendingKey = key;
        }
        else
        {
            ((YamlMapping)frame.Node).Add(frame.PendingKey, node);
            frame.PendingKey = null;
        }
        if (frame.Node.Weight > MaxWeight)
        {
            diagnostics.Add(node.Mark.Error("", $"the file expands to more than {MaxWeight} nodes through aliases"));
            return false;
        }
        return true;
    }

    // YAML merge keys: explicit keys win over merged ones, and earlier merge sources win over later ones.
    private static bool ApplyMerges(YamlMapping map, List<StackDiagnostic> diagnostics)
    {
        var merges = map.Entries.Where(e => e.Key.Plain && e.Key.Value == "<<").ToList();
        if (merges.Count == 0)
        {
            return true;
        }
        var own = map.Entries.Where(e => !(e.Key.Plain && e.Key.Value == "<<")).ToList();
        var sources = new List<YamlMapping>();
        foreach (var merge in merges)
        {
            switch (merge.Value)
            {
                case YamlMapping m:
                    sources.Add(m);
                    break;
                case YamlSequence s when s.Items.All(i => i is YamlMapping):
                    sources.AddRange(s.Items.Cast<YamlMapping>());
                    break;
                default:
                    diagnostics.Add(merge.Value.Mark.Error("", "a merge key `<<` takes a mapping or a list of mappings"));
                    return false;
            }
        }
        map.Entries.Clear();
        var rebuilt = new YamlMapping(map.Mark);
        foreach (var entry in own)
        {
            rebuilt.Add(entry.Key, entry.Value);
        }
        foreach (var source in sources)
        {
            foreach (var entry in source.Entries)
            {
                if (!rebuilt.Contains(entry.Key.Value))
                {
                    rebuilt.Add(entry.Key, entry.Value);
                }
            }
        }
        map.Entries.AddRange(rebuilt.Entries);
        map.Reweigh(rebuilt.Weight);
        return true;
    }

    // YamlDotNet messages start with "(Line: 3, Col: 5, Idx: 20) - (...): "; the position is already in front.
    private static string Clean(string message)
    {
        var at = message.IndexOf("): ", StringComparison.Ordinal);
        return at >= 0 && message.StartsWith('(') ? message[(at + 3)..] : message;
    }

    private sealed class Frame(YamlNode node, AnchorName anchor)
    {
        public YamlNode Node { get; } = node;

        public AnchorName Anchor { get; } = anchor;

        public YamlScalar? PendingKey { get; set; }
    }
}
