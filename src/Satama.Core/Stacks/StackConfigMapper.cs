using Satama.Core.Model;
using Satama.Core.Stacks.Model;

namespace Satama.Core.Stacks;

/// <summary>
/// Maps a stack service's <c>configs:</c> to <see cref="ServiceConfig"/>s with their content: inline <c>content</c>,
/// or a <c>file</c> read at parse time. A config from an environment variable or <c>external: true</c> has no content
/// Satama holds: it is noted as not enforced.
/// </summary>
public static class StackConfigMapper
{
    public static IReadOnlyList<ServiceConfig> ToConfigs(StackSpec stack, StackServiceSpec svc, List<string> notes)
    {
        var configs = new List<ServiceConfig>();
        foreach (var r in svc.Configs)
        {
            if (!stack.Configs.TryGetValue(r.Source, out var top))
            {
                continue;
            }
            if ((top.Content ?? top.FileContent) is not { } content)
            {
                notes.Add(top.File is not null
                    ? $"configs: `{r.Source}` file `{top.File}` was not read"
                    : $"configs: `{r.Source}` is not from `content` or `file` (only those are delivered)");
                continue;
            }
            configs.Add(new ServiceConfig
            {
                Name = r.Source,
                Target = ServiceConfig.FilePath(r.Target),
                Content = content,
                Mode = r.Mode ?? ServiceConfig.DefaultMode,
                Uid = r.Uid,
                Gid = r.Gid,
            });
        }
        return configs;
    }
}
