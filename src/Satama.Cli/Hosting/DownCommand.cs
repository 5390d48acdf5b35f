using System.Diagnostics;
using Satama.Cli.Output;
using Spectre.Console.Cli;

namespace Satama.Cli.Hosting;

/// <summary>
/// satama down: stops the `up` running on a data dir (SIGTERM, then a bounded wait). The agent
/// leaves containers running; the next `up` resumes the same state.
/// </summary>
internal sealed class DownCommand(CliEnvironment environment) : AsyncCommand<DownSettings>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    public override async Task<int> ExecuteAsync(CommandContext context, DownSettings settings, CancellationToken cancellationToken)
    {
        var paths = UpPaths.For(settings.Data, environment);
        var printer = new Printer(environment, settings);
        if (UpProcess.Running(paths) is not { } pid)
        {
            printer.Done($"Satama is not running on {paths.Root}.", new { running = false, data = paths.Root });
            return ExitCodes.Ok;
        }
        environment.Error.WriteLine($"Stopping Satama (pid {pid})…");
        if (!UpProcess.Terminate(pid))
        {
            throw new CliException($"cannot signal pid {pid} (not allowed?): stop it as the user who started it");
        }
        var clock = Stopwatch.StartNew();
        while (UpProcess.IsSatama(pid))
        {
            if (clock.Elapsed > s_timeout)
            {
                throw new CliException($"Satama (pid {pid}) did not stop within {s_timeout.TotalSeconds:0} s; 'kill -9 {pid}' forces it");
            }
            await Task.Delay(200, cancellationToken);
        }
        UpProcess.Clear(paths);
        printer.Done($"Satama stopped (pid {pid}). Containers keep running; 'satama up' resumes.", new { running = false, stoppedPid = pid, data = paths.Root });
        return ExitCodes.Ok;
    }
}
