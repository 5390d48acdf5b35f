using Satama.Cli.Contexts;
using Satama.Cli.Output;
using Satama.Core.Model;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands;

/// <summary>
/// Base of every command that talks to a master over REST: checks the arguments locally first
/// (all problems at once, nothing sent), picks the master from the current context, and turns
/// transport and API failures into one "error:" line.
/// </summary>
internal abstract class ApiCommand<TSettings>(CliEnvironment environment) : AsyncCommand<TSettings>
    where TSettings : GlobalSettings
{
    protected CliEnvironment Environment => environment;

    /// <summary>The parsed command line (e.g. for the raw arguments after "--").</summary>
    protected CommandContext Context { get; private set; } = null!;

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        Context = context;
        var problems = Check(settings);
        if (problems.Count > 0)
        {
            throw CliException.Usage(problems);
        }
        var config = new ConfigStore(environment.ConfigPath).Load();
        var selected = settings.Context is { } wanted
            ? config.Find(wanted) ?? throw new CliException(Commands.Context.ContextErrors.NotFound(wanted, config))
            : config.CurrentContext ?? throw new CliException("no master selected: run 'satama up' (one machine) or 'satama login URL --token TOKEN'");
        var url = MasterConnection.ParseUrl(selected.Url)
            ?? throw new CliException($"context '{selected.Name}' has an invalid url '{selected.Url}': log in again");
        var grid = settings.Grid ?? selected.Grid ?? "default";
        if (Names.Check("grid", grid) is { } gridProblem)
        {
            throw CliException.Usage(gridProblem);
        }
        using var client = MasterConnection.Create(url, selected.Token, selected.CaFingerprint, environment.ConnectTimeout);
        var session = new ApiSession(client, url, grid, new Printer(environment, settings), environment);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (Timeout(settings) is { } timeout)
        {
            limit.CancelAfter(timeout);
        }
        try
        {
            return await RunAsync(session, settings, limit.Token);
        }
        catch (Exception e) when (MasterErrors.Translate(e, url, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>The most the whole command may take; null for streams that run until Ctrl-C.</summary>
    protected virtual TimeSpan? Timeout(TSettings settings) => environment.RequestTimeout;

    /// <summary>Local checks of the arguments; every problem, before anything is sent.</summary>
    protected virtual IReadOnlyList<string> Check(TSettings settings) => [];

    protected abstract Task<int> RunAsync(ApiSession session, TSettings settings, CancellationToken ct);
}
