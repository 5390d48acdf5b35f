namespace Satama.Cli.Commands.Stack;

/// <summary>satama stack rollback NAME [--revision R]: re-applies an earlier revision as a new one.</summary>
internal sealed class RollbackCommand(CliEnvironment environment) : NamedStackCommand<RollbackSettings>(environment)
{
    protected override TimeSpan? Timeout(RollbackSettings settings) => StackWaiter.Limit(settings, Environment);

    protected override async Task<int> RunAsync(ApiSession session, RollbackSettings settings, CancellationToken ct)
    {
        var result = await session.Client.RollbackStackAsync(session.Grid, settings.Name, settings.Revision, ct);
        var stack = result.Stack;
        if (settings.Wait)
        {
            stack = await StackWaiter.WaitAsync(session, result.Name, TimeSpan.FromSeconds(settings.TimeoutSeconds), ct);
        }
        var to = settings.Revision is { } r ? $"revision {StackText.N(r)}" : "the previous revision";
        session.Printer.Print(result with { Stack = stack }, w =>
            w.WriteLine($"Stack {result.Name} rolled back to {to} as revision {result.Revision}{(settings.Wait ? ", running" : "")}: {StackText.Changes(result.Changes)}."));
        return ExitCodes.Ok;
    }
}
