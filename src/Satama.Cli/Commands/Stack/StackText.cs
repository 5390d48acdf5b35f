using System.Globalization;
using Satama.Client.Dtos;
using Satama.Core.Model;

namespace Satama.Cli.Commands.Stack;

/// <summary>How stacks, their services and their changes read in tables and sentences.</summary>
internal static class StackText
{
    /// <summary>A stack NAME argument's problems: not a valid name, or the reserved "null".</summary>
    public static void Check(string name, List<string> problems)
    {
        if (Names.Check("stack", name) is { } problem)
        {
            problems.Add(problem);
        }
        else if (name == Names.NullStack)
        {
            problems.Add($"stack name '{name}' is reserved for services created outside any stack");
        }
    }

    public static string Instances(StackDto stack) =>
        N(stack.Services.Sum(s => s.Running)) + "/" + N(stack.Services.Sum(s => s.Instances));

    /// <summary>running, stopped or deploying, as the stack's state reads.</summary>
    public static string State(ServiceDto s) =>
        s.Instances == 0 ? "stopped"
        : s.Running == s.Instances && s.InstanceList.Count(i => i.State == "running" && i.Revision >= s.Revision) == s.Instances ? "running"
        : "deploying";

    /// <summary>"api redeployed (env); web scaled (instances); cron added; worker removed; 1 unchanged".</summary>
    public static string Changes(IReadOnlyList<StackServiceChangeDto> changes)
    {
        var parts = changes.Where(c => c.Change != "unchanged").Select(c => c.Change switch
        {
            "changed" => $"{c.Service} redeployed ({string.Join(", ", c.Fields)})",
            "scaled" => $"{c.Service} scaled",
            _ => $"{c.Service} {c.Change}",
        }).ToList();
        var unchanged = changes.Count(c => c.Change == "unchanged");
        if (unchanged > 0)
        {
            parts.Add($"{N(unchanged)} unchanged");
        }
        return parts.Count == 0 ? "no services" : string.Join("; ", parts);
    }

    /// <summary>One line per service for diff: "~ api: env", "+ cron", "- worker", "  web".</summary>
    public static void WriteDiff(TextWriter w, IReadOnlyList<StackServiceChangeDto> changes)
    {
        foreach (var c in changes)
        {
            w.WriteLine(c.Change switch
            {
                "added" => $"+ {c.Service} (added)",
                "removed" => $"- {c.Service} (removed)",
                "changed" => $"~ {c.Service}: {string.Join(", ", c.Fields)} (redeployed)",
                "scaled" => $"~ {c.Service}: {string.Join(", ", c.Fields)} (not redeployed)",
                _ => $"  {c.Service} (unchanged)",
            });
        }
    }

    public static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
