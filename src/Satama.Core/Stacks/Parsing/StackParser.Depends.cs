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
                // Kontena could name a stack in its registry ("kontena/redis:1.0"); Satama has no stack registry.
                var registry = !file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) && !file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);
                _ctx.Error(stackNode, ParseContext.Join(path, "stack"), registry
                    ? $"depends: `{file}` is not a stack file, and Satama has no stack registry: save the stack's file next to this one and name it here"
                    : $"depends: file `{file}` not found");
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
