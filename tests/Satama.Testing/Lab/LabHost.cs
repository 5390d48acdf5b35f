using System.Diagnostics;
using System.Globalization;

namespace Satama.Testing.Lab;

/// <summary>
/// One simulated host: a network namespace on the lab bridge and its own dockerd, started
/// with its own data root, exec root, pid file and socket so it never touches the default
/// engine (LAB.md: a dockerd without --exec-root deletes the default engine's containerd socket).
/// </summary>
public sealed class LabHost
{
    private readonly LabNetwork _lab;

    internal LabHost(LabNetwork lab, int number)
    {
        _lab = lab;
        Number = number;
    }

    public int Number { get; }

    public string Name => $"h{Number.ToString(CultureInfo.InvariantCulture)}";

    public string Namespace => $"{_lab.Prefix}{Name}";

    public string Address => $"100.77.{_lab.Subnet.ToString(CultureInfo.InvariantCulture)}.{Number.ToString(CultureInfo.InvariantCulture)}";

    public string RunDir => $"/run/{_lab.Prefix}/{Name}";

    public string DataDir => Path.Combine(_lab.Root, Name);

    public string DockerHost => $"unix://{RunDir}/docker.sock";

    /// <summary>Runs the docker CLI against this host's engine.</summary>
    public Task<Shell.Result> DockerAsync(params string[] args) =>
        Shell.RunAsync("docker", ["-H", DockerHost, .. args]);

    /// <summary>Runs a program inside the host's network namespace.</summary>
    public Task<Shell.Result> ExecAsync(params string[] args) =>
        Shell.RunAsync("nsenter", [$"--net=/var/run/netns/{Namespace}", .. args]);

    private string Veth => $"{_lab.Prefix}v{Number.ToString(CultureInfo.InvariantCulture)}";

    internal async Task CreateNetworkAsync()
    {
        var veth = Veth;
        await _lab.Ip("netns", "add", Namespace);
        await _lab.Ip("link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", Namespace);
        await _lab.Ip("link", "set", veth, "master", _lab.Bridge, "up");
        await _lab.Ip("-n", Namespace, "addr", "add", $"{Address}/24", "dev", "eth0");
        await _lab.Ip("-n", Namespace, "link", "set", "eth0", "up");
        await _lab.Ip("-n", Namespace, "link", "set", "lo", "up");
    }

    /// <summary>Starts (or restarts) the host's dockerd and waits until it answers.</summary>
    public async Task StartEngineAsync()
    {
        Directory.CreateDirectory(RunDir);
        Directory.CreateDirectory(DataDir);
        // nsenter, not `ip netns exec` (which remounts /sys and hides the cgroup mounts);
        // unshare --uts so each host reports its own hostname.
        var dockerd = string.Join(' ',
            "exec setsid dockerd",
            $"--data-root {DataDir}/docker --exec-root {RunDir}/exec --pidfile {RunDir}/docker.pid",
            $"-H {DockerHost} --bip 10.77.{Number.ToString(CultureInfo.InvariantCulture)}.1/24",
            $"--cgroup-parent /{Namespace}");
        var psi = new ProcessStartInfo("nsenter") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var a in new[] { $"--net=/var/run/netns/{Namespace}", "unshare", "--uts", "sh", "-c", $"hostname {Name} && {dockerd} >>{DataDir}/dockerd.log 2>&1" })
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["DOCKER_SERVICE_PREFER_OFFLINE_IMAGE"] = "1";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dockerd");
        await Eventually.UntilAsync(async () => (await DockerAsync("info", "--format", "{{.Name}}")).ExitCode == 0,
            $"dockerd of {Name} to answer", TimeSpan.FromSeconds(60));
    }

    /// <summary>Loads an image of the default engine into this host's engine (no registry here).</summary>
    public async Task LoadImageAsync(string image)
    {
        var tar = Path.Combine(DataDir, "image.tar");
        (await Shell.DockerAsync("save", "-o", tar, image)).EnsureSuccess("docker save");
        (await DockerAsync("load", "-q", "-i", tar)).EnsureSuccess("docker load");
        File.Delete(tar);
    }

    /// <summary>Stops the engine gracefully (containers stop with it).</summary>
    public async Task StopEngineAsync()
    {
        var pid = ReadPid();
        if (pid is null)
        {
            return;
        }
        await Shell.RunAsync("kill", ["-TERM", pid]);
        await Eventually.UntilAsync(() => Task.FromResult(!Directory.Exists($"/proc/{pid}")), $"dockerd of {Name} to stop", TimeSpan.FromSeconds(60));
    }

    internal async Task DestroyAsync()
    {
        var ids = await DockerAsync("ps", "-aq");
        if (ids.ExitCode == 0 && ids.Stdout.Trim().Length > 0)
        {
            await DockerAsync(["rm", "-f", .. ids.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)]);
        }
        try
        {
            await StopEngineAsync();
        }
        catch (TimeoutException)
        {
            var pid = ReadPid();
            if (pid is not null)
            {
                await Shell.RunAsync("kill", ["-KILL", pid]);
            }
        }
        await KillProcessesAsync();
        await WipeAsync();
    }

    /// <summary>
    /// An abrupt power-off: SIGKILL every process of the host (its dockerd, containerd, shims, an
    /// agent, wireguard-go, and the containers by their cgroup), then clear what a reboot clears
    /// (leftover mounts, /run state, the network namespace and its link to the LAN). The data
    /// root stays, as a disk would: <see cref="PowerOnAsync"/> boots the host again.
    /// </summary>
    public async Task PowerOffAsync()
    {
        // The LAN link first, so not even a TCP reset leaves the host: peers notice only by silence.
        await Shell.RunAsync("ip", ["link", "set", Veth, "down"]);
        for (var round = 0; round < 3; round++)
        {
            await KillProcessesAsync();
            var containers = ContainerPids();
            if (containers.Count == 0)
            {
                break;
            }
            await Shell.RunAsync("kill", ["-KILL", .. containers]);
            await Task.Delay(200);
        }
        await WipeAsync();
    }

    /// <summary>Boots a powered-off host: its namespace on the LAN again and its dockerd on the kept data root.</summary>
    public async Task PowerOnAsync()
    {
        await CreateNetworkAsync();
        await StartEngineAsync();
    }

    private List<string> ContainerPids()
    {
        var pids = new List<string>();
        foreach (var root in Directory.Exists("/sys/fs/cgroup") ? Directory.GetDirectories("/sys/fs/cgroup") : [])
        {
            var dir = Path.Combine(root, Namespace);
            if (!Directory.Exists(dir))
            {
                continue;
            }
            foreach (var procs in Directory.EnumerateFiles(dir, "cgroup.procs", SearchOption.AllDirectories))
            {
                try
                {
                    pids.AddRange(File.ReadAllLines(procs).Where(l => l.Length > 0));
                }
                catch (IOException)
                {
                    // The cgroup went away meanwhile.
                }
            }
        }
        return [.. pids.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>What a reboot would clear: mounts left under the host's folders, its /run state, the netns, empty cgroups.</summary>
    private async Task WipeAsync()
    {
        var mounts = (await File.ReadAllLinesAsync("/proc/self/mounts"))
            .Select(l => l.Split(' ')[1])
            .Where(m => m.StartsWith(DataDir, StringComparison.Ordinal) || m.StartsWith(RunDir, StringComparison.Ordinal))
            .OrderDescending(StringComparer.Ordinal);
        foreach (var mount in mounts)
        {
            await Shell.RunAsync("umount", ["-l", mount]);
        }
        await Shell.RunAsync("rm", ["-rf", RunDir]);
        // The LAN end of the veth pair explicitly: a namespace is torn down asynchronously, and
        // a host powered on again right away would find the old pair still there.
        await Shell.RunAsync("ip", ["link", "del", Veth]);
        await Shell.RunAsync("ip", ["netns", "del", Namespace]);
        foreach (var root in Directory.Exists("/sys/fs/cgroup") ? Directory.GetDirectories("/sys/fs/cgroup") : [])
        {
            var dir = Path.Combine(root, Namespace);
            if (Directory.Exists(dir))
            {
                foreach (var sub in Directory.EnumerateDirectories(dir, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).Append(dir))
                {
                    try
                    {
                        Directory.Delete(sub);
                    }
                    catch (IOException)
                    {
                        // Still has processes (a zombie being reaped) or is not empty; a reboot would clear it.
                    }
                }
            }
        }
    }

    /// <summary>SIGKILLs every process left in the host's network namespace (an agent, wireguard-go…), like a power-off.</summary>
    public async Task KillProcessesAsync()
    {
        for (var round = 0; round < 3; round++)
        {
            var pids = (await Shell.RunAsync("ip", ["netns", "pids", Namespace])).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (pids.Length == 0)
            {
                return;
            }
            await Shell.RunAsync("kill", ["-KILL", .. pids]);
            await Task.Delay(200);
        }
    }

    private string? ReadPid()
    {
        var file = $"{RunDir}/docker.pid";
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }
}
