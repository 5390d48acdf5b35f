namespace Satama.Cli.Commands.Stack;

/// <summary>satama stack upgrade NAME FILE: only services whose spec changed are redeployed.</summary>
internal sealed class UpgradeCommand(CliEnvironment environment) : StackFileCommand<UpgradeSettings>(environment)
{
    protected override void CheckMore(UpgradeSettings settings, List<string> problems) => StackText.Check(settings.Name, problems);

    protected override TimeSpan? Timeout(UpgradeSettings settings) => StackWaiter.Limit(settings, Environment);

    protected override async Task<int> RunAsync(ApiSession session, UpgradeSettings settings, CancellationToken ct)
    {
        var request = Load(session, settings, settings.File, settings.Name);
        var result = await session.Client.UpgradeStackAsync(session.Grid, settings.Name, request, ct);
        var stack = result.Stack;
        if (settings.Wait)
        {
            stack = await StackWaiter.WaitAsync(session, result.Name, TimeSpan.FromSeconds(settings.TimeoutSeconds), ct);
        }
        session.Printer.Print(result with { Stack = stack }, w =>
            w.WriteLine($"Stack {result.Name} upgraded to revision {result.Revision}{(settings.Wait ? ", running" : "")}: {StackText.Changes(result.Changes)}."));
        return ExitCodes.Ok;
    }
}
