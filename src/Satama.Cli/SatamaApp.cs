using System.Text.RegularExpressions;
using Satama.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Satama.Cli;

/// <summary>
/// The satama command line: the command tree plus one place that turns every failure into
/// "error: ..." lines on stderr and an exit code (see <see cref="ExitCodes"/>), never a stack trace.
/// </summary>
internal sealed partial class SatamaApp
{
    // Words of the command tree, so a help hint never repeats an argument ("login URL").
    private static readonly HashSet<string> s_commandWords =
    [
        "up", "down", "master", "agent", "start", "login", "context", "ls", "use", "rm", "grid", "create", "show",
        "node", "label", "rotate-token", "secret", "write", "read", "update", "service", "scale", "restart", "logs", "container", "exec", "version",
        "stack", "validate", "install", "upgrade", "diff", "history", "rollback", "audit", "verify", "deploy", "deploys", "doctor",
        "user", "add", "token", "revoke", "role", "grant", "whoami",
        "lb", "routes",
    ];

    private readonly CommandApp _app;
    private readonly CliEnvironment _environment;
    private readonly TrailingArguments _trailing;

    private SatamaApp(CommandApp app, CliEnvironment environment, TrailingArguments trailing)
    {
        _app = app;
        _environment = environment;
        _trailing = trailing;
    }

    public static SatamaApp Create(IAnsiConsole console, TextWriter error, string configPath) =>
        Create(new CliEnvironment { Out = console, Error = error, ConfigPath = configPath });

    public static SatamaApp Create(CliEnvironment environment)
    {
        var app = new CommandApp();
        var trailing = new TrailingArguments();
        app.Configure(config =>
        {
            config.Settings.Registrar.RegisterInstance(environment);
            config.Settings.Registrar.RegisterInstance(trailing);
            config.SetApplicationName("satama");
            config.SetApplicationVersion(VersionCommand.Version);
            config.ConfigureConsole(environment.Out);
            config.UseStrictParsing();
            config.SetInterceptor(new MissingValueGuard());
            // Exceptions come to RunAsync, which prints them as one line each.
            config.PropagateExceptions();
            CommandTree.Configure(config);
        });
        return new SatamaApp(app, environment, trailing);
    }

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct = default)
    {
        try
        {
            return await _app.RunAsync(_trailing.Split(args), ct);
        }
        catch (CliException e)
        {
            WriteErrors(e.Messages);
            return e.ExitCode;
        }
        catch (CommandAppException e)
        {
            // Parse and validation errors of Spectre: the user typed something wrong.
            WriteErrors([Sentence(e.Message) + HelpHint(args, e.Message)]);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug or an unforeseen failure: still one line; SATAMA_DEBUG=1 shows the trace.
            WriteErrors([$"unexpected {e.GetType().Name}: {Sentence(e.Message)}"]);
            if (_environment.GetVariable("SATAMA_DEBUG") is "1" or "true")
            {
                _environment.Error.WriteLine(e.ToString());
            }
            return ExitCodes.Failed;
        }
    }

    private void WriteErrors(IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            _environment.Error.WriteLine("error: " + message);
        }
        _environment.Error.Flush();
    }

    /// <summary>Points at the help of the deepest command the user did type correctly.</summary>
    private static string HelpHint(IReadOnlyList<string> args, string message)
    {
        var words = args.TakeWhile(s_commandWords.Contains).Take(2).ToList();
        if (message.StartsWith("Unknown command", StringComparison.Ordinal))
        {
            // "Unknown command 'foo'": the help of the level above it is the useful one.
            words = words.TakeWhile(w => !message.Contains($"'{w}'", StringComparison.Ordinal)).ToList();
        }
        return $" (see '{string.Join(" ", ["satama", .. words, "--help"])}')";
    }

    // Spectre says "Unknown command 'x'." — one line, lower-case start, no final period, like the rest.
    private static string Sentence(string message)
    {
        var line = message.Split('\n')[0].Trim().TrimEnd('.')
            .Replace(" to Int32", " to a whole number", StringComparison.Ordinal);
        line = MissingOption().Replace(line, "missing required option '--$1'");
        return line.Length > 1 && char.IsUpper(line[0]) && !char.IsUpper(line[1])
            ? char.ToLowerInvariant(line[0]) + line[1..]
            : line;
    }

    [GeneratedRegex("missing required option '([A-Za-z][A-Za-z0-9-]*)'")]
    private static partial Regex MissingOption();
}
