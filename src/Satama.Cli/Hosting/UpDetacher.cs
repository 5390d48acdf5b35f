using System.Diagnostics;
using Satama.Cli.Commands;
using Satama.Cli.Output;

namespace Satama.Cli.Hosting;

/// <summary>
/// `up --detach`: starts `satama up` again in its own session (output to DATA/satama.log), waits a
/// bounded time until it serves /v1/info, prints the summary and returns, leaving it running.
/// </summary>
internal sealed class UpDetacher(CliEnvironment environment, UpPaths paths)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    public async Task<int> RunAsync(UpSettings settings, Printer printer, CancellationToken ct)
    {
        var (program, prefix) = SelfCommand();
        string[] args = [.. prefix, "up", "--data", paths.Root, "--listen", settings.Listen, "--log-level",
            settings.LogLevel == "warning" ? "information" : settings.LogLevel];
        environment.Error.WriteLine($"Starting Satama in the background (log: {paths.LogFile})…");
        using var child = Process.Start(DockerEngine.Shell("setsid", [program, .. args], paths.LogFile))
            ?? throw new CliException("cannot start satama in the background");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < s_timeout)
        {
            if (UpState.Read(paths) is { } state && UpProcess.IsSatama(state.Pid) && await AnswersAsync(state, ct))
            {
                UpSummary.Print(printer, state, $"Satama is up in the background (pid {state.Pid}); stop it with 'satama down'.");
                return ExitCodes.Ok;
            }
            if (child.HasExited && child.ExitCode != 0)
            {
                throw new CliException([$"satama up failed in the background (exit {child.ExitCode}); last lines of {paths.LogFile}:", .. Tail(paths.LogFile, 10)], ExitCodes.Failed);
            }
            await Task.Delay(250, ct);
        }
        throw new CliException($"satama up did not answer within {s_timeout.TotalSeconds:0} s; see {paths.LogFile}");
    }

    private async Task<bool> AnswersAsync(UpState state, CancellationToken ct)
    {
        using var client = MasterConnection.Create(new Uri(state.Url), null, state.CaFingerprint, environment.ConnectTimeout);
        try
        {
            await client.InfoAsync(ct);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>How to run this same satama again: the single-file binary, or `dotnet satama.dll`.</summary>
    private static (string Program, string[] Prefix) SelfCommand()
    {
        var process = Environment.ProcessPath ?? throw new CliException("cannot tell which program is running");
        if (Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            // Run as `dotnet satama.dll` (the launcher); a single-file build is its own ProcessPath.
            return (process, [Path.Combine(AppContext.BaseDirectory, "satama.dll")]);
        }
        return (process, []);
    }

    private static IEnumerable<string> Tail(string file, int lines) =>
        File.Exists(file) ? File.ReadLines(file).TakeLast(lines).Select(l => "  " + l) : ["  (no log)"];
}
