using System.Security.Cryptography;
using Satama.Client.Dtos;
using Satama.Core.Stacks;
using Spectre.Console;

namespace Satama.Cli.Commands.Stack;

/// <summary>
/// Reads a stack file and parses it here first: variables from --var, then the environment, then (on a terminal)
/// a prompt; random generators are resolved once, here. The request carries all of it, with the files the stack
/// file references, so the master renders the very same stack without a file system or a person.
/// </summary>
internal static class StackFileLoader
{
    public static LoadedStack Load(CliEnvironment environment, string path, string? name, IReadOnlyDictionary<string, string> variables, string grid)
    {
        var text = ReadStackFile(path);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        var env = new ReadRecorder(environment.GetVariable);
        var result = StackFile.Parse(text, path, new StackParseOptions
        {
            StackName = name,
            DefaultStackName = StackNames.FromDirectory(Path.GetDirectoryName(Path.GetFullPath(path))),
            Grid = grid,
            Variables = variables,
            Environment = env,
            ResolveFile = reference =>
            {
                var content = TryRead(reference);
                if (content is not null)
                {
                    files[reference] = content;
                }
                return content;
            },
            Interactive = environment.Out.Profile.Capabilities.Interactive,
            Prompt = prompt =>
            {
                var answer = Ask(environment.Out, prompt);
                answers[prompt.Name] = answer;
                if (prompt.Secret)
                {
                    secrets.Add(answer);
                }
                return answer;
            },
            Random = RandomNumberGenerator.GetInt32,
        });
        var sent = new Dictionary<string, string>(variables, StringComparer.Ordinal);
        foreach (var (key, value) in answers)
        {
            sent[key] = value;
        }
        foreach (var value in result.Generated.Values)
        {
            secrets.Add(value);
        }
        // The name as resolved here (--name, the file, or its directory), so the master renders the same stack.
        var request = new StackFileRequest(path, text, name ?? result.Stack?.Name, files, sent, new Dictionary<string, string>(result.Generated), new Dictionary<string, string>(env.Read));
        return new LoadedStack(result, request, secrets);
    }

    /// <summary>The file's warnings and notes on stderr; its errors as the command's failure (exit 1).</summary>
    public static void Report(CliEnvironment environment, StackParseResult result)
    {
        foreach (var diagnostic in result.Diagnostics.Where(d => !d.IsError))
        {
            environment.Error.WriteLine(diagnostic.Severity == StackSeverity.Warning ? $"warning: {Strip(diagnostic)}" : $"note: {Strip(diagnostic)}");
        }
        environment.Error.Flush();
        var errors = result.Errors.Select(d => d.ToString()).ToList();
        if (!result.Succeeded)
        {
            throw new CliException(errors.Count > 0 ? errors : ["the stack file could not be read"], ExitCodes.Failed);
        }
    }

    // "file:1:2: warning: path: message" reads better as "warning: file:1:2: path: message".
    private static string Strip(StackDiagnostic d) => (d with { Severity = StackSeverity.Error }).ToString();

    private static string ReadStackFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CliException($"'{path}' is a directory: name the stack file in it (e.g. {Path.Combine(path, "satama.yml")})");
        }
        return TryRead(path) ?? throw new CliException($"stack file '{path}' not found");
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read '{path}': {e.Message}");
        }
    }

    private static string Ask(IAnsiConsole console, StackVariablePrompt prompt)
    {
        if (prompt.Options.Count > 0)
        {
            return console.Prompt(new SelectionPrompt<string>().Title(Markup.Escape(prompt.Question)).AddChoices(prompt.Options));
        }
        var question = new TextPrompt<string>(Markup.Escape(prompt.Question));
        if (prompt.Default is { } defaultValue)
        {
            question.DefaultValue(defaultValue);
        }
        if (prompt.Secret)
        {
            question.Secret();
        }
        return console.Prompt(question);
    }
}
