using System.Reflection;
using Satama.Core.Model;
using Satama.Core.Security;

namespace Satama.Core.Tests.Security;

public sealed class HostOptionsTests
{
    private static ServiceSpec Service(RuntimeSpec? runtime = null, params MountSpec[] mounts) =>
        new() { Grid = "g", Name = "web", Image = "busybox:1", Runtime = runtime ?? RuntimeSpec.Default, Mounts = mounts };

    private static MountSpec Volume(IReadOnlyDictionary<string, string> opts, string? driver = null, bool external = false) => new()
    {
        Type = MountType.Volume, Target = "/data", VolumeName = "g.s.data", StackVolume = "data", Driver = driver, DriverOpts = opts, External = external,
    };

    private static Dictionary<string, string> Opts(params string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    // Every way a grid_user could reach into the node, and the word the grid allowances use for it.
    public static TheoryData<string, ServiceSpec, string[]> HostLevel => new()
    {
        { "privileged", Service(new RuntimeSpec { Privileged = true }), ["privileged"] },
        { "cap_add", Service(new RuntimeSpec { CapAdd = ["NET_ADMIN", "CAP_SYS_ADMIN", "sys_ptrace", "ALL"] }), ["cap_add:NET_ADMIN", "cap_add:SYS_ADMIN", "cap_add:SYS_PTRACE", "cap_add:ALL"] },
        { "devices", Service(new RuntimeSpec { Devices = ["/dev/fuse", "/dev/sdb:/dev/xvdb:r", "/dev/../dev/mem"] }), ["device:/dev/fuse", "device:/dev/sdb", "device:/dev/mem"] },
        { "pid host", Service(new RuntimeSpec { Pid = "host" }), ["pid:host"] },
        { "sysctls", Service(new RuntimeSpec { Sysctls = new Dictionary<string, string> { ["kernel.core_pattern"] = "|/x", ["vm.overcommit_memory"] = "1", ["kernel/panic"] = "1" } }),
            ["sysctl:kernel.core_pattern", "sysctl:kernel.panic", "sysctl:vm.overcommit_memory"] },
        { "log driver", Service(new RuntimeSpec { LogDriver = "awslogs" }), ["log_driver:awslogs"] },
        { "bind", Service(null, new MountSpec { Type = MountType.Bind, Source = "/var/run/docker.sock", Target = "/s" }, new MountSpec { Type = MountType.Bind, Source = "/srv//data/./x/", Target = "/d" }),
            ["bind:/var/run/docker.sock", "bind:/srv/data/x"] },
        { "bind root", Service(null, new MountSpec { Type = MountType.Bind, Source = "/srv/../..", Target = "/host" }), ["bind:/"] },
        { "volume bound to a path", Service(null, Volume(Opts("type=none", "o=bind", "device=/var/lib/satama/"))), ["bind:/var/lib/satama"] },
        { "volume rbind", Service(null, Volume(Opts("type=none", "o=rbind,ro", "device=/"), driver: "local")), ["bind:/"] },
        { "volume of a block device", Service(null, Volume(Opts("type=ext4", "device=/dev/sda1"))), ["volume_opts"] },
        { "overlay volume", Service(null, Volume(Opts("type=overlay", "o=lowerdir=/,upperdir=/u,workdir=/w", "device=overlay"))), ["volume_opts"] },
        { "bind without a device", Service(null, Volume(Opts("o=bind"))), ["volume_opts"] },
        { "plugin with options", Service(null, Volume(Opts("mountpoint=/etc"), driver: "local-persist")), ["volume_opts"] },
        { "nfs from a local path", Service(null, Volume(Opts("type=nfs", "o=addr=10.0.0.1", "device=/export"))), ["volume_opts"] },
    };

    [Theory]
    [MemberData(nameof(HostLevel))]
    public void Each_host_level_setting_is_found_with_its_allowance_word(string what, ServiceSpec spec, string[] expected) =>
        Assert.True(expected.SequenceEqual(HostOptions.Of(spec).Select(o => o.Name)), $"{what}: {string.Join(", ", HostOptions.Of(spec).Select(o => o.Name))}");

    [Fact]
    public void A_service_that_only_confines_itself_asks_for_nothing_host_level()
    {
        var runtime = new RuntimeSpec
        {
            Init = true, StopGracePeriod = TimeSpan.FromSeconds(5), StopSignal = "SIGINT", MemoryBytes = 64 << 20, NanoCpus = 500_000_000,
            CpuShares = 512, User = "0:0", WorkingDir = "/srv", Hostname = "web", Labels = new Dictionary<string, string> { ["a"] = "b" },
            ReadOnly = true, Tmpfs = ["/run:size=64m"], CapDrop = ["ALL"], CapAdd = ["NET_BIND_SERVICE", "CAP_CHOWN", "setuid", "NET_RAW"],
            ExtraHosts = ["db:10.0.0.2"], ShmSizeBytes = 128 << 20, Ulimits = [new UlimitSpec("nofile", 1 << 20, 1 << 20)],
            Sysctls = new Dictionary<string, string> { ["net.core.somaxconn"] = "1024", ["net/ipv4/ip_forward"] = "1", ["kernel.shmmax"] = "1", ["fs.mqueue.msg_max"] = "20", ["kernel.sem"] = "1 2 3 4" },
            Dns = ["1.1.1.1"], DnsSearch = ["example.com"], LogDriver = "gelf", LogOptions = new Dictionary<string, string> { ["gelf-address"] = "udp://10.0.0.9:12201" },
        };
        var spec = Service(runtime,
            new MountSpec { Type = MountType.Tmpfs, Target = "/tmp" },
            new MountSpec { Type = MountType.Volume, Target = "/anon" },
            Volume(new Dictionary<string, string>()),
            Volume(Opts("type=tmpfs", "o=size=100m", "device=tmpfs")),
            Volume(Opts("type=nfs", "o=addr=10.0.0.1,rw", "device=:/export")),
            Volume(new Dictionary<string, string>(), driver: "rexray"),
            Volume(new Dictionary<string, string>(), external: true));

        Assert.Empty(HostOptions.Of(spec));
    }

    [Fact]
    public void Every_setting_of_a_service_has_been_reviewed_for_host_level_power()
    {
        var settings = Settings(typeof(ServiceSpec), "")
            .Where(p => p is not ("Mounts" or "Runtime"))
            .Concat(Settings(typeof(MountSpec), "Mounts."))
            .Concat(Settings(typeof(RuntimeSpec), "Runtime."))
            .ToList();

        Assert.Empty(settings.Except(HostOptions.Reviewed.Keys));
        Assert.Empty(HostOptions.Reviewed.Keys.Except(settings));
    }

    // What a caller can write: the init-only properties (computed ones like QualifiedName follow from them).
    private static IEnumerable<string> Settings(Type type, string prefix) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => prefix + p.Name);

    [Theory]
    [InlineData("/srv/data", "/srv/data", true)]
    [InlineData("/srv/data/x/y", "/srv/data", true)]
    [InlineData("/srv/database", "/srv/data", false)]
    [InlineData("/srv", "/srv/data", false)]
    [InlineData("/etc", "/", true)]
    public void A_bind_allowance_covers_its_path_and_what_is_below_it(string source, string allowed, bool covered)
    {
        var allowances = new HostAllowances([], [allowed]);
        var option = Assert.Single(HostOptions.Of(Service(null, new MountSpec { Type = MountType.Bind, Source = source, Target = "/x" })));

        Assert.Equal(covered, allowances.Allows(option));
    }

    [Fact]
    public void Dot_dot_never_climbs_out_of_an_allowed_path()
    {
        var allowances = new HostAllowances([], ["/srv/data"]);
        var option = Assert.Single(HostOptions.Of(Service(null, new MountSpec { Type = MountType.Bind, Source = "/srv/data/../../var/lib/satama", Target = "/x" })));

        Assert.Equal("bind:/var/lib/satama", option.Name);
        Assert.False(allowances.Allows(option));
    }

    [Fact]
    public void Options_are_allowed_word_by_word_and_devices_by_path()
    {
        var allowances = new HostAllowances(["cap_add:NET_ADMIN", "device:/dev/dri"], []);
        var options = HostOptions.Of(Service(new RuntimeSpec { CapAdd = ["NET_ADMIN", "SYS_ADMIN"], Devices = ["/dev/dri/renderD128", "/dev/fuse"], Privileged = true }));

        Assert.Equal(["privileged", "cap_add:SYS_ADMIN", "device:/dev/fuse"], allowances.Refused(options).Select(o => o.Name));
    }

    [Theory]
    [InlineData("privileged", "privileged")]
    [InlineData(" PID:host ", "pid:host")]
    [InlineData("cap_add:cap_net_admin", "cap_add:NET_ADMIN")]
    [InlineData("cap_add:ALL", "cap_add:ALL")]
    [InlineData("device:/dev//fuse/", "device:/dev/fuse")]
    [InlineData("sysctl:kernel/core_pattern", "sysctl:kernel.core_pattern")]
    [InlineData("volume_opts", "volume_opts")]
    [InlineData("log_driver:gcplogs", "log_driver:gcplogs")]
    public void The_vocabulary_reads_each_option_one_way(string text, string word) =>
        Assert.Equal((word, (string?)null), HostAllowances.ParseOption(text));

    [Theory]
    [InlineData("root", "is unknown; options: privileged, pid:host, cap_add:NAME")]
    [InlineData("cap_add:NET_HACK", "capability 'NET_HACK' is unknown; capabilities: ALL, AUDIT_CONTROL")]
    [InlineData("cap_add:CHOWN", "needs no allowance: Docker gives every container CHOWN")]
    [InlineData("sysctl:net.core.somaxconn", "needs no allowance")]
    [InlineData("device:dev/fuse", "not an absolute path")]
    [InlineData("log_driver:json-file", "needs no allowance")]
    [InlineData("network:host", "Satama ignores the stack key `network`")]
    [InlineData("bind:/srv", "--allow-bind PATH")]
    [InlineData("pid:container", "is unknown")]
    public void An_option_that_is_not_one_says_what_there_is(string text, string message)
    {
        var (word, error) = HostAllowances.ParseOption(text);

        Assert.Null(word);
        Assert.Contains(message, error);
    }

    [Fact]
    public void A_change_adds_and_takes_back_in_order_and_a_wrong_one_changes_nothing_and_says_everything()
    {
        var current = new HostAllowances(["privileged"], ["/srv"]);

        var (changed, none) = current.Change(["cap_add:NET_ADMIN", "privileged"], [], ["/opt/", "/opt"], ["/srv"]);
        var (same, errors) = current.Change(["pid:host", null], ["pid:host"], ["x"], ["/opt"]);

        Assert.Empty(none);
        Assert.Equal(["privileged", "cap_add:NET_ADMIN"], changed.Options);
        Assert.Equal(["/opt"], changed.Binds);
        Assert.Same(current, same);
        Assert.Equal(
        [
            "allow has a null element",
            "option 'pid:host' is both allowed and taken back in one change",
            "option 'pid:host' is not allowed on the grid; allowed options: privileged",
            "bind path 'x' is not an absolute path of the node (e.g. /srv/data)",
            "bind path '/opt' is not allowed on the grid; allowed bind paths: /srv",
        ], errors);
    }

    [Fact]
    public void The_agent_gets_only_the_bind_paths_that_hold_a_source()
    {
        var allowances = new HostAllowances([], ["/srv/data", "/opt", "/var/run/docker.sock"]);

        Assert.Equal(["/srv/data", "/var/run/docker.sock"], allowances.BindsCovering(["/srv/data/x", "/var/run/docker.sock", "/etc"]));
    }
}
