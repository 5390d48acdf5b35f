using System.Diagnostics;
using System.Globalization;

namespace Satama.Cli.Tests.Hosting;

/// <summary>up/down around the pid file, with a stand-in process named satama (no master needed).</summary>
public sealed class UpDownTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Down_sends_sigterm_waits_and_removes_the_pid_file()
    {
        var data = Directory.CreateDirectory(Path.Combine(_cli.Home, "data")).FullName;
        using var fake = StartFakeSatama();
        await File.WriteAllTextAsync(Path.Combine(data, "satama.pid"), fake.Id.ToString(CultureInfo.InvariantCulture));

        var result = await _cli.RunAsync("down", "--data", data);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Satama stopped (pid {fake.Id}). Containers keep running; 'satama up' resumes.\n", result.Out);
        // Gone from /proc (a zombie has no cmdline) may precede .NET reaping it: wait, bounded.
        Assert.True(fake.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.False(File.Exists(Path.Combine(data, "satama.pid")));
    }

    [Fact]
    public async Task Down_ignores_a_stale_pid_of_another_program()
    {
        var data = Directory.CreateDirectory(Path.Combine(_cli.Home, "data")).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "satama.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

        var result = await _cli.RunAsync("down", "--data", data);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Satama is not running on {data}.\n", result.Out);
        Assert.False(File.Exists(Path.Combine(data, "satama.pid")));
    }

    [Fact]
    public async Task Up_when_one_already_runs_on_the_data_dir_says_so_and_exits_0()
    {
        var data = Directory.CreateDirectory(Path.Combine(_cli.Home, "data")).FullName;
        using var fake = StartFakeSatama();
        try
        {
            await File.WriteAllTextAsync(Path.Combine(data, "satama.pid"), fake.Id.ToString(CultureInfo.InvariantCulture));
            await File.WriteAllTextAsync(Path.Combine(data, "satama.json"),
                $$"""{"pid":{{fake.Id}},"url":"https://127.0.0.1:7443","caFingerprint":"ab","adminTokenPath":"/d/master/admin-token","grid":"default","node":"n"}""");

            var result = await _cli.RunAsync("up", "--data", data);

            Assert.Equal(0, result.ExitCode);
            Assert.StartsWith($"Satama is already running on {data} (pid {fake.Id}).\n", result.Out, StringComparison.Ordinal);
            Assert.Contains("Master:         https://127.0.0.1:7443\n", result.Out, StringComparison.Ordinal);
            Assert.Contains("Admin token:    in /d/master/admin-token\n", result.Out, StringComparison.Ordinal);
        }
        finally
        {
            fake.Kill();
        }
    }

    [Fact]
    public async Task Up_rejects_a_bad_listen_address()
    {
        var result = await _cli.RunAsync("up", "--listen", "http://x");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: --listen 'http://x' is not ADDR:PORT (e.g. 0.0.0.0:7443) (see 'satama up --help')"], result.ErrorLines);
    }

    [Fact]
    public async Task Agent_start_reports_every_problem_at_once()
    {
        var result = await _cli.RunAsync("agent", "start", "--master", "ftp://x", "--grid-token", "t", "--name", "Bad_Name", "--label", "novalue");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
        [
            "error: --master 'ftp://x' is not a master URL (expected https://HOST:PORT)",
            "error: node name 'Bad_Name' is invalid: use lower-case letters, digits and '-', starting and ending with a letter or digit",
            "error: --label 'novalue' is not KEY=VALUE",
        ], result.ErrorLines);
    }

    /// <summary>A sleeping process whose command line says "satama", as the pid check expects.</summary>
    private static Process StartFakeSatama()
    {
        var start = new ProcessStartInfo("/bin/bash") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec -a satama sleep 60");
        var process = Process.Start(start)!;
        var clock = Stopwatch.StartNew();
        while (!File.ReadAllText($"/proc/{process.Id}/cmdline").StartsWith("satama", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(20);
        }
        return process;
    }
}
