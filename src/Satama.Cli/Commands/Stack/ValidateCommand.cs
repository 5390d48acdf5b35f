using System.Text.RegularExpressions;
using Satama.Core.Model;
using Satama.Core.Stacks;
using Satama.Core.Stacks.Model;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Stack;

/// <summary>
/// satama stack validate FILE: parses and validates offline (no master), prints the resolved stack as YAML with
/// secret-looking values redacted, or every error; notes what only a master can check.
/// </summary>
internal sealed partial class ValidateCommand(CliEnvironment environment) : Command<ValidateSettings>
{
    public const string Redacted = "<redacted>";

    public override int Execute(CommandContext context, ValidateSettings settings, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var variables = KeyValues.Parse(settings.Vars, "--var", problems);
        if (Names.Check("grid", settings.Grid) is { } gridProblem)
        {
            problems.Add(gridProblem);
        }
        if (problems.Count > 0)
        {
            throw CliException.Usage(problems);
        }
        var loaded = StackFileLoader.Load(environment, settings.File, settings.Name, variables, settings.Grid);
        StackFileLoader.Report(environment, loaded.Result);
        var stack = loaded.Result.Stack!;
        var output = environment.Out.Profile.Out.Writer;
        output.Write(StackSerializer.Serialize(Redact(stack, loaded.Secrets)));
        output.Flush();
        var notEnforced = StackServiceMapper.ToServiceSpecs(stack, settings.Grid)
            .SelectMany(m => m.NotEnforced.Select(n => $"note: services.{m.Spec.Name}: not enforced yet: {n}"))
            .ToList();
        foreach (var line in notEnforced)
        {
            environment.Error.WriteLine(line);
        }
        var left = loaded.Result.Unchecked.Count();
        environment.Error.WriteLine(left == 0
            ? $"{settings.File}: valid"
            : $"{settings.File}: valid; {left} reference{(left == 1 ? "" : "s")} only a master can check left unchecked (see the notes above)");
        environment.Error.Flush();
        return ExitCodes.Ok;
    }

    /// <summary>Environment values whose name looks secret, or that were generated or typed hidden, become <see cref="Redacted"/>.</summary>
    public static StackSpec Redact(StackSpec stack, IReadOnlySet<string> secrets) => stack with
    {
        Services = new ValueList<StackServiceSpec>(stack.Services.Select(s => s with
        {
            Environment = new ValueMap<string>(s.Environment.Select(e =>
                SecretName().IsMatch(e.Key) || (e.Value.Length > 0 && secrets.Contains(e.Value)) ? new KeyValuePair<string, string>(e.Key, Redacted) : e)),
        })),
    };

    [GeneratedRegex("pass|secret|token|key|pwd|credential|private|auth", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();
}
