namespace Satama.Cli.Commands.Service;

/// <summary>satama service restart NAME: replaces every instance's container.</summary>
internal sealed class RestartCommand(CliEnvironment environment) : NamedServiceCommand<NameSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, NameSettings settings, CancellationToken ct)
    {
        var name = ServiceName.Parse(settings.Name);
        var s = await session.Client.RestartServiceAsync(session.Grid, name.Stack, name.Name, ct);
        session.Printer.Print(s, w => w.WriteLine($"Service {s.Stack}/{s.Name} is restarting (revision {s.Revision})."));
        return ExitCodes.Ok;
    }
}
