using System.Globalization;

namespace Satama.Cli.Commands.Service;

/// <summary>
/// satama service deploy NAME [--force] [--wait]: rolls the service out again. Without --force it
/// retries a rollout that stopped after a failure and leaves a service at its revision alone.
/// </summary>
internal sealed class DeployCommand(CliEnvironment environment) : NamedServiceCommand<DeploySettings>(environment)
{
    protected override TimeSpan? Timeout(DeploySettings settings) => WaitSettings.Limit(settings, Environment);

    protected override async Task<int> RunAsync(ApiSession session, DeploySettings settings, CancellationToken ct)
    {
        var name = ServiceName.Parse(settings.Name);
        var s = await session.Client.DeployServiceAsync(session.Grid, name.Stack, name.Name, settings.Force, ct);
        var revision = s.Revision.ToString(CultureInfo.InvariantCulture);
        if (settings.Wait)
        {
            s = await ServiceWaiter.WaitAsync(session, name, s.Revision, TimeSpan.FromSeconds(settings.TimeoutSeconds), ct);
            session.Printer.Print(s, w => w.WriteLine($"Service {s.Stack}/{s.Name} deployed at revision {revision}: {s.Healthy}/{s.Instances} healthy."));
            return ExitCodes.Ok;
        }
        var what = s.Deployment is { } d ? $"rolling out revision {revision}: {d.Reason}" : $"at revision {revision}, nothing to roll out (--force replaces every instance)";
        session.Printer.Print(s, w => w.WriteLine($"Service {s.Stack}/{s.Name} {what}."));
        return ExitCodes.Ok;
    }
}
