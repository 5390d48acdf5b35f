using Satama.Core.Model;

namespace Satama.Cli.Commands.Service;

/// <summary>How users address a service: STACK/NAME, or NAME for a service outside any stack (stack "null").</summary>
internal readonly record struct ServiceName(string Stack, string Name)
{
    public override string ToString() => $"{Stack}/{Name}";

    public static ServiceName Parse(string text, List<string> problems)
    {
        var parts = text.Split('/');
        if (parts.Length > 2)
        {
            problems.Add($"service '{text}' must be NAME or STACK/NAME");
            return new ServiceName(Names.NullStack, text);
        }
        var name = parts.Length == 2 ? new ServiceName(parts[0], parts[1]) : new ServiceName(Names.NullStack, parts[0]);
        if (parts.Length == 2 && Names.Check("stack", name.Stack) is { } stackProblem)
        {
            problems.Add(stackProblem);
        }
        if (Names.Check("service", name.Name) is { } nameProblem)
        {
            problems.Add(nameProblem);
        }
        return name;
    }

    /// <summary>Parses a name already known to be valid (checked in the command's Check).</summary>
    public static ServiceName Parse(string text) => Parse(text, []);
}
