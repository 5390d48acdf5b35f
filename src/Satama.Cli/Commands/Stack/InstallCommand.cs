namespace Satama.Cli.Commands.Stack;

/// <summary>satama stack install FILE: creates every service of the stack, all or none.</summary>
internal sealed class InstallCommand(CliEnvironment environment) : StackFileCommand<InstallSettings>(environment)
{
    protected override void CheckMore(InstallSettings settings, List<string> problems)
    {
        if (settings.Name is { } name)
        {
            StackText.Check(name, problems);
        }
    }

    protected override TimeSpan? Timeout(InstallSettings settings) => StackWaiter.Limit(settings, Environment);

    protected override async Task<int> RunAsync(ApiSession session, InstallSettings settings, CancellationToken ct)
    {
        var request = Load(session, settings, settings.File, settings.Name);
        var result = await session.Client.InstallStackAsync(session.Grid, request, ct);
        var stack = result.Stack;
        if (settings.Wait)
        {
            stack = await StackWaiter.WaitAsync(session, result.Name, TimeSpan.FromSeconds(settings.TimeoutSeconds), ct);
        }
        session.Printer.Print(result with { Stack = stack }, w =>
        {
            w.WriteLine($"Stack {result.Name} installed in grid {session.Grid} at revision {result.Revision}{(settings.Wait ? ", running" : "")}: " +
                string.Join(", ", result.Changes.Select(c => c.Service)) + ".");
            if (!settings.Wait)
            {
                w.WriteLine($"Watch it with: satama stack show {result.Name}");
            }
        });
        return ExitCodes.Ok;
    }
}
