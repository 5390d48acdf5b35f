using System.Diagnostics;
using System.Text;

namespace Satama.Testing.Processes;

/// <summary>
/// One real `satama` process (master, agent, up) started from the built CLI, with its
/// output kept for the failure message. Disposing kills it if it still runs.
/// </summary>
public sealed class SatamaProcess : IAsyncDisposable
{
    private const int MaxOutputChars = 200_000;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();

    private SatamaProcess(Process process, string description)
    {
        _process = process;
        Description = description;
    }

    public string Description { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the process printed so far (stdout and stderr, interleaved), at most the last 200k characters.</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="args">The satama command line.</param>
    /// <param name="env">Extra environment variables.</param>
    /// <param name="wrapper">A command that runs satama (e.g. nsenter into a simulated host), or null.</param>
    public static SatamaProcess Start(IReadOnlyList<string> args, IDictionary<string, string>? env = null, IReadOnlyList<string>? wrapper = null)
    {
        var psi = new ProcessStartInfo(wrapper is { Count: > 0 } ? wrapper[0] : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (wrapper is { Count: > 0 })
        {
            foreach (var w in wrapper.Skip(1))
            {
                psi.ArgumentList.Add(w);
            }
            psi.ArgumentList.Add("dotnet");
        }
        psi.ArgumentList.Add(SatamaBinary.DllPath);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (env is not null)
        {
            foreach (var (k, v) in env)
            {
                psi.Environment[k] = v;
            }
        }
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var result = new SatamaProcess(process, "satama " + string.Join(' ', args.Select(Redact)));
        process.OutputDataReceived += (_, e) => result.Append(e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails with the output if the process exits first.</summary>
    public Task WaitForOutputAsync(string text, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(() =>
        {
            if (Output.Contains(text, StringComparison.Ordinal))
            {
                return Task.FromResult((true, ""));
            }
            if (HasExited)
            {
                throw new GiveUpException($"{Description} exited with {_process.ExitCode} before printing '{text}':\n{Output}");
            }
            return Task.FromResult((false, Tail(Output)));
        }, $"'{text}' from {Description}", timeout);

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>. Returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? grace = null)
    {
        if (!_process.HasExited)
        {
            await Shell.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var cts = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the process dies without any cleanup, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_outputLock)
        {
            _output.AppendLine(line);
            if (_output.Length > MaxOutputChars)
            {
                _output.Remove(0, _output.Length - MaxOutputChars);
            }
        }
    }

    private static string Tail(string s) => s.Length <= 2000 ? s : s[^2000..];

    // Tokens are secrets: keep them out of test names and failure messages.
    private static string Redact(string arg) => arg.Length >= 32 && !arg.Contains('/', StringComparison.Ordinal) ? "***" : arg;
}
