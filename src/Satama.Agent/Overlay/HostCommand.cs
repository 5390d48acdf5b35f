using System.Diagnostics;

namespace Satama.Agent.Overlay;

/// <summary>A host tool (ip, wg, iptables, wireguard-go) run to completion, its output kept for errors.</summary>
internal static class HostCommand
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public bool Ok => ExitCode == 0;

        public Result EnsureOk(string what) => Ok
            ? this
            : throw new OverlayException($"{what} failed (exit {ExitCode}): {(Stderr.Trim().Length > 0 ? Stderr.Trim() : Stdout.Trim())}");
    }

    public static async Task<Result> RunAsync(string program, IEnumerable<string> args, CancellationToken ct, string? stdin = null,
        IReadOnlyDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new OverlayException($"could not start {program}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new OverlayException($"{program} is not installed or cannot run: {e.Message}", e);
        }
        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(s_timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
            }
            process.StandardInput.Close();
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            return new Result(process.ExitCode, await stdout, await stderr);
        }
    }
}
