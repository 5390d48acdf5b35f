using System.Globalization;

namespace Satama.Testing.Lab;

/// <summary>
/// Simulated hosts on this machine (../shared/LAB.md): a Linux bridge as the LAN, one network
/// namespace per host attached by a veth pair, and one dockerd per host. Everything is named
/// with a per-lab prefix and torn down on dispose, also after a failed test.
/// </summary>
public sealed class LabNetwork : IAsyncDisposable
{
    private readonly List<LabHost> _hosts = [];

    private LabNetwork(string prefix, int subnet, string root)
    {
        Prefix = prefix;
        Subnet = subnet;
        Root = root;
    }

    /// <summary>Short prefix of every name this lab creates (interfaces allow 15 characters).</summary>
    public string Prefix { get; }

    /// <summary>Hosts get 100.77.{Subnet}.{n}/24.</summary>
    public int Subnet { get; }

    public string Bridge => $"{Prefix}br";

    public string Gateway => $"100.77.{Subnet.ToString(CultureInfo.InvariantCulture)}.254";

    /// <summary>Scratch folder for the hosts' data roots and logs.</summary>
    public string Root { get; }

    public IReadOnlyList<LabHost> Hosts => _hosts;

    public static async Task<LabNetwork> CreateAsync()
    {
        var id = Random.Shared.Next(1, 250);
        var prefix = $"sl{id:x2}";
        var root = Directory.CreateTempSubdirectory("satama-lab-").FullName;
        var lab = new LabNetwork(prefix, id, root);
        try
        {
            await lab.Ip("link", "add", lab.Bridge, "type", "bridge");
            await lab.Ip("addr", "add", $"{lab.Gateway}/24", "dev", lab.Bridge);
            await lab.Ip("link", "set", lab.Bridge, "up");
            // br_netfilter sends bridged frames through the root FORWARD chain, whose policy is
            // DROP once the default dockerd runs: let the lab's LAN through.
            await Run("iptables", "-I", "FORWARD", "-i", lab.Bridge, "-o", lab.Bridge, "-j", "ACCEPT");
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds host number <paramref name="n"/> (1..200) with its own dockerd, ready to answer.</summary>
    public async Task<LabHost> AddHostAsync(int n)
    {
        var host = new LabHost(this, n);
        _hosts.Add(host);
        await host.CreateNetworkAsync();
        await host.StartEngineAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DestroyAsync();
        }
        await Shell.RunAsync("iptables", ["-D", "FORWARD", "-i", Bridge, "-o", Bridge, "-j", "ACCEPT"]);
        await Shell.RunAsync("ip", ["link", "del", Bridge]);
        await Shell.RunAsync("rm", ["-rf", $"/run/{Prefix}"]);
        // UAPI sockets of killed wireguard-go processes (interfaces of this lab are named after its prefix).
        foreach (var socket in Directory.Exists("/var/run/wireguard") ? Directory.GetFiles("/var/run/wireguard", $"{Prefix}*.sock") : [])
        {
            File.Delete(socket);
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover mount of a killed engine; host-wipe unmounted what it found.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    internal Task Ip(params string[] args) => Run("ip", args);

    internal static async Task Run(string program, params string[] args) =>
        (await Shell.RunAsync(program, args)).EnsureSuccess($"{program} {string.Join(' ', args)}");
}
