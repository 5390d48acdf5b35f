namespace Satama.Cli.Commands.Service;

/// <summary>satama service restart NAME: replaces every instance's container.</summary>
internal sealed class RestartCommand(CliEnvironment environment) : NamedServiceCommand<WaitSettings>(environment)
{
    protected override TimeSpan? Timeout(WaitSettings settings) => WaitSettings.Limit(settings, Environment);

    protected override async Task<int> RunAsync(ApiSession session, WaitSettings settings, CancellationToken ct)
    {
        var name = ServiceName.Parse(settings.Name);
        var s = await session.Client.RestartServiceAsync(session.Grid, name.Stack, name.Name, ct);
        if (settings.Wait)
        {
            s = await ServiceWaiter.WaitAsync(session, name, s.Revision, TimeSpan.FromSeconds(settings.TimeoutSeconds), ct);
            session.Printer.Print(s, w => w.WriteLine($"Service {s.Stack}/{s.Name} restarted (revision {s.Revision}, {s.Running} running)."));
            return ExitCodes.Ok;
        }
        session.Printer.Print(s, w => w.WriteLine($"Service {s.Stack}/{s.Name} is restarting (revision {s.Revision})."));
        return ExitCodes.Ok;
    }
}
