using Satama.Cli.Output;
using Satama.Master;
using Spectre.Console.Cli;

namespace Satama.Cli.Hosting;

/// <summary>satama master start: runs a master (no agent) until Ctrl-C/SIGTERM.</summary>
internal sealed class MasterStartCommand(CliEnvironment environment) : AsyncCommand<MasterStartSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, MasterStartSettings settings, CancellationToken cancellationToken)
    {
        var data = Path.GetFullPath(settings.Data ?? Path.Combine(environment.DefaultDataDir(), "master"));
        // The admin token is printed only when this start creates it; afterwards it is only in the file.
        var firstStart = !File.Exists(Path.Combine(data, "admin-token"));
        IReadOnlyList<string> listen = settings.Listen.Length == 0
            ? [ListenAddress.Default]
            : settings.Listen.Select(l => ListenAddress.Normalize(l)!).ToList();
        await using var master = await StartFailure.GuardAsync($"the master on {string.Join(", ", listen)}", () => MasterServer.StartAsync(new MasterOptions
        {
            DataDir = data,
            Listen = listen,
            MinimumLogLevel = HostLifetime.ParseLevel(settings.LogLevel)!.Value,
        }, cancellationToken));

        var url = master.Url.GetLeftPart(UriPartial.Authority);
        var summary = new { url, caFingerprint = master.CaFingerprint, adminTokenPath = master.AdminTokenPath, adminToken = firstStart ? master.AdminToken : null };
        new Printer(environment, settings).Print(summary, w =>
        {
            w.WriteLine($"Satama master listening on {string.Join(", ", listen)}");
            var details = new Details()
                .Add("URL", url)
                .Add("CA fingerprint", master.CaFingerprint)
                .Add("Admin token file", master.AdminTokenPath);
            if (firstStart)
            {
                details.Add("Admin token", master.AdminToken + "   (shown on first start only)");
            }
            details.WriteTo(w);
            w.WriteLine();
            w.WriteLine($"Log in with: satama login {url} --token $(cat {master.AdminTokenPath}) --ca-fingerprint {master.CaFingerprint}");
        });

        var failure = await HostLifetime.WaitAsync(cancellationToken, ("the master", master.Completion));
        environment.Error.WriteLine("Stopping master…");
        using var stopping = new CancellationTokenSource(HostLifetime.StopTimeout);
        await master.StopAsync(stopping.Token);
        return failure is null ? ExitCodes.Ok : throw new CliException(failure);
    }
}
