using System.Globalization;
using Satama.Core.Model;

namespace Satama.Cli.Commands.Service;

/// <summary>
/// satama service scale NAME N. N is read as text and parsed here, so "-1" or "two" get a
/// sentence about instances rather than a parser message about an unknown option.
/// </summary>
internal sealed class ScaleCommand(CliEnvironment environment) : NamedServiceCommand<ScaleSettings>(environment)
{
    protected override IReadOnlyList<string> Check(ScaleSettings settings)
    {
        var problems = base.Check(settings).ToList();
        if (Parse(settings.Instances) is not { } n || n > ServiceValidator.MaxInstances)
        {
            problems.Add($"instances must be a whole number from 0 to {ServiceValidator.MaxInstances}, not '{settings.Instances}'");
        }
        return problems;
    }

    protected override TimeSpan? Timeout(ScaleSettings settings) => WaitSettings.Limit(settings, Environment);

    protected override async Task<int> RunAsync(ApiSession session, ScaleSettings settings, CancellationToken ct)
    {
        var name = ServiceName.Parse(settings.Name);
        var s = await session.Client.ScaleServiceAsync(session.Grid, name.Stack, name.Name, Parse(settings.Instances)!.Value, ct);
        if (settings.Wait)
        {
            s = await ServiceWaiter.WaitAsync(session, name, s.Revision, TimeSpan.FromSeconds(settings.TimeoutSeconds), ct);
        }
        session.Printer.Print(s, w => w.WriteLine($"Service {s.Stack}/{s.Name} scaled to {s.Instances} (running {s.Running})."));
        return ExitCodes.Ok;
    }

    private static int? Parse(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
