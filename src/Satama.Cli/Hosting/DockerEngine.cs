using System.Diagnostics;
using System.Net.Sockets;

namespace Satama.Cli.Hosting;

/// <summary>
/// Makes sure a Docker Engine answers on /var/run/docker.sock before `up` starts the agent:
/// installs Debian's docker.io when dockerd is missing, starts it (systemd or a detached
/// dockerd), and waits a bounded time for it to answer.
/// </summary>
internal sealed class DockerEngine(TextWriter progress, UpPaths paths)
{
    public const string Socket = "/var/run/docker.sock";
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);

    public async Task EnsureRunningAsync(CancellationToken ct)
    {
        if (await AnswersAsync(Socket, ct))
        {
            return;
        }
        if (FindOnPath("dockerd") is null)
        {
            await InstallAsync(ct);
        }
        progress.WriteLine($"Starting Docker Engine; waiting up to {s_startTimeout.TotalSeconds:0} s for it to answer on {Socket}…");
        if (SystemdIsInit())
        {
            await RunAsync("systemctl", ["start", "docker"], paths.DockerLog, ct);
        }
        else
        {
            // Its own session, so it outlives this process and Ctrl-C here does not reach it.
            StartDetached("dockerd", [], paths.DockerLog);
        }
        var deadline = Stopwatch.StartNew();
        while (!await AnswersAsync(Socket, ct))
        {
            if (deadline.Elapsed > s_startTimeout)
            {
                throw new CliException($"Docker Engine did not answer on {Socket} within {s_startTimeout.TotalSeconds:0} s; see {paths.DockerLog}");
            }
            await Task.Delay(500, ct);
        }
        progress.WriteLine("Docker Engine is ready.");
    }

    /// <summary>True when an engine answers /_ping on the unix socket.</summary>
    public static async Task<bool> AnswersAsync(string socketPath, CancellationToken ct)
    {
        if (!File.Exists(socketPath))
        {
            return false;
        }
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync("http://docker/_ping", ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AccessDenied })
        {
            throw new CliException($"permission denied on {socketPath}: run as root or add your user to the 'docker' group");
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task InstallAsync(CancellationToken ct)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new CliException("Docker Engine is not installed and installing it needs root: run 'sudo apt-get install -y docker.io', then 'satama up' again");
        }
        progress.WriteLine("Installing Docker Engine (Debian docker.io)…");
        await RunAsync("apt-get", ["update"], paths.DockerInstallLog, ct);
        await RunAsync("apt-get", ["install", "-y", "--no-install-recommends", "docker.io"], paths.DockerInstallLog, ct);
        if (FindOnPath("dockerd") is null)
        {
            throw new CliException($"installing docker.io did not provide dockerd; see {paths.DockerInstallLog}");
        }
    }

    private static bool SystemdIsInit()
    {
        try
        {
            return File.ReadAllText("/proc/1/comm").Trim() == "systemd";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin").Append("/usr/bin")
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs a program to completion, its output appended to a log (shown on failure).</summary>
    private static async Task RunAsync(string program, IReadOnlyList<string> args, string log, CancellationToken ct)
    {
        var start = Shell(program, args, log);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new CliException($"cannot start {program}");
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new CliException($"'{program} {string.Join(" ", args)}' failed (exit {process.ExitCode}); see {log}");
        }
    }

    private static void StartDetached(string program, IReadOnlyList<string> args, string log)
    {
        using var process = Process.Start(Shell("setsid", [program, .. args], log, background: true))
            ?? throw new CliException($"cannot start {program}");
    }

    /// <summary>Runs PROGRAM through sh with its output appended to LOG: .NET cannot redirect a child to a file itself.</summary>
    public static ProcessStartInfo Shell(string program, IReadOnlyList<string> args, string log, bool background = false)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec \"$@\" >>\"$SATAMA_LOG_FILE\" 2>&1 </dev/null{(background ? " &" : "")}");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["SATAMA_LOG_FILE"] = log;
        return start;
    }
}
