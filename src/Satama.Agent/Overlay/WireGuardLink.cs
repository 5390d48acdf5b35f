using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Satama.Agent.Overlay;

/// <summary>
/// The node's WireGuard interface and the host's routes and firewall for the overlay, set up
/// with the host tools: kernel WireGuard (`ip link add … type wireguard`) where the kernel has
/// it, else `wireguard-go`; peers through `wg syncconf` (adds, updates and removes in one step);
/// one route per peer /24 on the interface; firewall rules that let the grid's traffic through
/// without masquerading it. Every step is idempotent: the agent applies it on each change.
/// </summary>
internal sealed partial class WireGuardLink(string iface, int port, WireGuardKeys keys, string dataDir, ILogger logger)
{
    private static readonly TimeSpan s_interfaceWait = TimeSpan.FromSeconds(15);

    public string Interface => iface;

    /// <summary>"kernel" or "wireguard-go", once the interface exists.</summary>
    public string? Implementation { get; private set; }

    public async Task ApplyAsync(OverlayView view, CancellationToken ct)
    {
        await EnsureInterfaceAsync(ct);
        await SyncPeersAsync(view, ct);
        (await Ip(ct, "link", "set", iface, "up")).EnsureOk($"ip link set {iface} up");
        await SyncRoutesAsync(view, ct);
        await FirewallAsync(view.GridSubnet, ct);
    }

    private async Task EnsureInterfaceAsync(CancellationToken ct)
    {
        if ((await Ip(ct, "link", "show", iface)).Ok)
        {
            Implementation ??= File.Exists($"/var/run/wireguard/{iface}.sock") ? "wireguard-go" : "kernel";
            return;
        }
        if ((await Ip(ct, "link", "add", iface, "type", "wireguard")).Ok)
        {
            Implementation = "kernel";
            LogCreated(iface, Implementation);
            return;
        }
        // No WireGuard in this kernel: the userspace implementation. It daemonizes itself, so
        // the interface (and the data plane) outlives an agent restart.
        var started = await HostCommand.RunAsync("wireguard-go", [iface], ct,
            env: new Dictionary<string, string> { ["WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD"] = "1" });
        started.EnsureOk($"wireguard-go {iface} (the kernel has no WireGuard)");
        var deadline = DateTimeOffset.UtcNow + s_interfaceWait;
        while (!(await Ip(ct, "link", "show", iface)).Ok || !File.Exists($"/var/run/wireguard/{iface}.sock"))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new OverlayException($"wireguard-go started but interface {iface} did not appear within {s_interfaceWait.TotalSeconds} s");
            }
            await Task.Delay(100, ct);
        }
        Implementation = "wireguard-go";
        LogCreated(iface, Implementation);
    }

    private async Task SyncPeersAsync(OverlayView view, CancellationToken ct)
    {
        var privateKey = (await File.ReadAllTextAsync(keys.PrivateKeyPath, ct)).Trim();
        var conf = new StringBuilder();
        conf.Append("[Interface]\nPrivateKey = ").Append(privateKey).Append("\nListenPort = ").Append(port.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var peer in view.Peers)
        {
            conf.Append("\n[Peer]\nPublicKey = ").Append(peer.PublicKey)
                .Append("\nEndpoint = ").Append(peer.Endpoint)
                .Append("\nAllowedIPs = ").Append(peer.Subnet)
                // A keepalive makes a returning node handshake at once (LAB.md: 35-52 s otherwise).
                .Append("\nPersistentKeepalive = 25\n");
        }
        var path = Path.Combine(dataDir, $"{iface}.conf");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using (var stream = new FileStream(path, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(conf.ToString());
        }
        (await HostCommand.RunAsync("wg", ["syncconf", iface, path], ct)).EnsureOk($"wg syncconf {iface}");
    }

    private async Task SyncRoutesAsync(OverlayView view, CancellationToken ct)
    {
        var wanted = view.Peers.Select(p => p.Subnet).ToHashSet(StringComparer.Ordinal);
        var current = (await Ip(ct, "-4", "route", "show", "dev", iface)).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ')[0])
            .ToList();
        foreach (var stale in current.Where(r => !wanted.Contains(r)))
        {
            await Ip(ct, "route", "del", stale, "dev", iface);
        }
        foreach (var subnet in wanted)
        {
            (await Ip(ct, "route", "replace", subnet, "dev", iface)).EnsureOk($"ip route replace {subnet} dev {iface}");
        }
    }

    /// <summary>
    /// Grid traffic is forwarded (dockerd sets FORWARD to DROP on a real host) and keeps its
    /// container source address (dockerd masquerades everything leaving the bridge); TCP MSS is
    /// clamped to the tunnel's MTU. Rules go first in their chains, re-placed on every apply.
    /// </summary>
    private async Task FirewallAsync(string gridSubnet, CancellationToken ct)
    {
        var forwardChain = (await Iptables(ct, "-t", "filter", "-n", "-L", "DOCKER-USER")).Ok ? "DOCKER-USER" : "FORWARD";
        await FirstRuleAsync(ct, "filter", forwardChain, "-s", gridSubnet, "-d", gridSubnet, "-j", "ACCEPT");
        await FirstRuleAsync(ct, "nat", "POSTROUTING", "-s", gridSubnet, "-d", gridSubnet, "-j", "RETURN");
        await FirstRuleAsync(ct, "mangle", "FORWARD", "-o", iface, "-p", "tcp", "--tcp-flags", "SYN,RST", "SYN", "-j", "TCPMSS", "--clamp-mss-to-pmtu");
    }

    private static async Task FirstRuleAsync(CancellationToken ct, string table, string chain, params string[] rule)
    {
        for (var i = 0; i < 8 && (await Iptables(ct, ["-t", table, "-D", chain, .. rule])).Ok; i++)
        {
            // Removes copies left by earlier applies, so the one inserted below is the only one.
        }
        (await Iptables(ct, ["-t", table, "-I", chain, "1", .. rule])).EnsureOk($"iptables -t {table} -I {chain}");
    }

    private static Task<HostCommand.Result> Ip(CancellationToken ct, params string[] args) => HostCommand.RunAsync("ip", args, ct);

    private static Task<HostCommand.Result> Iptables(CancellationToken ct, params string[] args) => HostCommand.RunAsync("iptables", ["-w", .. args], ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created WireGuard interface {Interface} ({Implementation})")]
    private partial void LogCreated(string @interface, string implementation);
}
