using Satama.Core.Stacks.Model;
using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

internal sealed partial class StackParser
{
    /// <summary>
    /// Kontena <c>depends</c>: child stacks by file, parsed and validated now (installed with the parent once
    /// stack dependencies exist). A child is named PARENT-NAME and gets the variables written for it.
    /// </summary>
    private ValueList<StackDependency> Dependencies(YamlNode node, string parentName)
    {
        var list = new List<StackDependency>();
        foreach (var (key, map, path) in Entries(node, "depends"))
        {
            if (map?["stack"] is not { } stackNode || NodeReader.String(_ctx, stackNode, ParseContext.Join(path, "stack")) is not { } file)
            {
                _ctx.Error(map ?? (YamlNode)key, path, "a dependency needs `stack`, the file of the child stack");
                continue;
            }
            var variables = map["variables"] is { } v ? NodeReader.StringMap(_ctx, v, ParseContext.Join(path, "variables")) : ValueMap<string>.Empty;
            foreach (var k in map.Entries.Select(e => e.Key).Where(k => k.Value is not ("stack" or "variables")))
            {
                _ctx.Unknown(k, ParseContext.Join(path, k.Value), ["stack", "variables"], StackSeverity.Error, "depends key");
            }
            var resolved = FilePaths.Resolve(_file, file);
            StackSpec? child = null;
            if (_ctx.FileDepth >= MaxFileDepth)
            {
                _ctx.Error(stackNode, ParseContext.Join(path, "stack"), $"depends goes more than {MaxFileDepth} stacks deep; is there a cycle?");
            }
            else if (_ctx.Options.ResolveFile?.Invoke(resolved) is not { } text)
            {
                _ctx.Error(stackNode, ParseContext.Join(path, "stack"), $"depends: file `{file}` not found");
            }
            else
            {
                var childOptions = _ctx.Options with
                {
                    StackName = $"{parentName}-{key.Value}",
                    Variables = new Dictionary<string, string>(variables),
                };
                var result = Parse(text, resolved, childOptions, _ctx.FileDepth + 1);
                _ctx.Diagnostics.AddRange(result.Diagnostics);
                child = result.Stack is { } s ? s with { Warnings = ValueList<StackDiagnostic>.Empty } : null;
            }
            list.Add(new StackDependency(key.Value, file, variables, child));
        }
        return list;
    }
}
