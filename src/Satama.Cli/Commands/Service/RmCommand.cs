namespace Satama.Cli.Commands.Service;

/// <summary>satama service rm NAME: removes the service and its containers.</summary>
internal sealed class RmCommand(CliEnvironment environment) : NamedServiceCommand<NameSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, NameSettings settings, CancellationToken ct)
    {
        var name = ServiceName.Parse(settings.Name);
        await session.Client.DeleteServiceAsync(session.Grid, name.Stack, name.Name, ct);
        session.Printer.Done($"Service {name} removed", new { removed = name.ToString(), grid = session.Grid });
        return ExitCodes.Ok;
    }
}
