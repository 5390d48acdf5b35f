using Satama.Core.Doctor;

namespace Satama.Core.Tests.Doctor;

/// <summary>Every branch of every check: facts in, one finding per check out, with a level and a fix unless ok.</summary>
public sealed class NodeDoctorTests
{
    // A healthy production node: every check ok.
    private static readonly NodeFacts s_good = new()
    {
        DockerVersion = "27.3.1",
        Kernel = "6.1.0-27-amd64",
        StorageDriver = "overlay2",
        LogDriver = "json-file",
        LogOptions = new Dictionary<string, string> { ["max-size"] = "10m", ["max-file"] = "3" },
        CgroupVersion = "2",
        DockerRootDir = "/var/lib/docker",
        DiskFreeBytes = 80L << 30,
        DiskTotalBytes = 100L << 30,
        ClockSkew = TimeSpan.FromMilliseconds(12),
    };

    private static DoctorFinding Find(NodeFacts facts, string check) => Assert.Single(NodeDoctor.Diagnose(facts), f => f.Check == check);

    [Fact]
    public void A_good_node_is_ok_on_every_check_in_a_fixed_order()
    {
        var findings = NodeDoctor.Diagnose(s_good);

        Assert.Equal(["storage-driver", "docker-version", "kernel", "log-rotation", "clock-skew", "disk-space", "cgroup"], findings.Select(f => f.Check));
        Assert.All(findings, f => Assert.Equal(DoctorLevel.Ok, f.Level));
        Assert.All(findings, f => Assert.Null(f.Fix));
        Assert.Equal(DoctorLevel.Ok, NodeDoctor.Worst(findings));
    }

    [Fact]
    public void Every_finding_that_is_not_ok_has_a_one_line_fix()
    {
        var bad = new NodeFacts { StorageDriver = "vfs", LogDriver = "json-file", LogOptions = new Dictionary<string, string>(), CgroupVersion = "1" };

        var findings = NodeDoctor.Diagnose(bad);

        Assert.All(findings.Where(f => f.Level != DoctorLevel.Ok), f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Fix));
            Assert.DoesNotContain('\n', f.Fix);
            Assert.DoesNotContain('\n', f.Message);
        });
        Assert.Equal(DoctorLevel.Error, NodeDoctor.Worst(findings));
    }

    [Theory]
    [InlineData("overlay2", "", DoctorLevel.Ok)]
    [InlineData("overlayfs", "", DoctorLevel.Ok)]
    [InlineData("btrfs", "", DoctorLevel.Ok)]
    [InlineData("zfs", "", DoctorLevel.Ok)]
    [InlineData("devicemapper", "Data loop file", DoctorLevel.Error)]
    [InlineData("devicemapper", "Metadata loop file", DoctorLevel.Error)]
    [InlineData("devicemapper", "Pool Name", DoctorLevel.Warn)]
    [InlineData("vfs", "", DoctorLevel.Error)]
    [InlineData("aufs", "", DoctorLevel.Warn)]
    [InlineData("fuse-overlayfs", "", DoctorLevel.Warn)]
    [InlineData("", "", DoctorLevel.Warn)]
    public void Storage_driver(string driver, string statusKey, DoctorLevel level)
    {
        var status = statusKey.Length > 0 ? new Dictionary<string, string> { [statusKey] = "/var/lib/docker/devicemapper/devicemapper/data" } : [];

        var finding = Find(s_good with { StorageDriver = driver, DriverStatus = status }, "storage-driver");

        Assert.Equal(level, finding.Level);
        if (level != DoctorLevel.Ok && driver.Length > 0)
        {
            Assert.Contains("overlay2", finding.Fix, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Devicemapper_on_loop_devices_and_vfs_are_named_unfit_for_production()
    {
        var loop = Find(s_good with { StorageDriver = "devicemapper", DriverStatus = new Dictionary<string, string> { ["Data loop file"] = "/x" } }, "storage-driver");
        var vfs = Find(s_good with { StorageDriver = "vfs" }, "storage-driver");

        Assert.Contains("loop devices", loop.Message, StringComparison.Ordinal);
        Assert.Contains("unfit for production", loop.Message, StringComparison.Ordinal);
        Assert.Contains("unfit for production", vfs.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("27.3.1", DoctorLevel.Ok)]
    [InlineData("25.0.0", DoctorLevel.Ok)]
    [InlineData("v28.0.1", DoctorLevel.Ok)]
    [InlineData("24.0.9", DoctorLevel.Warn)]
    [InlineData("20.10.24+dfsg1", DoctorLevel.Warn)]
    [InlineData("19.03.15", DoctorLevel.Error)]
    [InlineData("1.13.1", DoctorLevel.Error)]
    [InlineData("dev", DoctorLevel.Warn)]
    [InlineData("", DoctorLevel.Warn)]
    public void Docker_version(string version, DoctorLevel level)
    {
        var finding = Find(s_good with { DockerVersion = version }, "docker-version");

        Assert.Equal(level, finding.Level);
        Assert.Contains(version, finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6.1.0-27-amd64", DoctorLevel.Ok)]
    [InlineData("5.6.0", DoctorLevel.Ok)]
    [InlineData("5.15.153.1-microsoft-standard-WSL2", DoctorLevel.Ok)]
    [InlineData("5.4.0-150-generic", DoctorLevel.Warn)]
    [InlineData("4.18.0-553.el8_10.x86_64", DoctorLevel.Warn)]
    [InlineData("3.10.0-1160.el7.x86_64", DoctorLevel.Error)]
    [InlineData("unknown", DoctorLevel.Warn)]
    [InlineData("", DoctorLevel.Warn)]
    public void Kernel(string kernel, DoctorLevel level) =>
        Assert.Equal(level, Find(s_good with { Kernel = kernel }, "kernel").Level);

    [Fact]
    public void A_kernel_without_wireguard_says_the_overlay_falls_back()
    {
        var finding = Find(s_good with { Kernel = "5.4.0" }, "kernel");

        Assert.Contains("wireguard-go", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json-file", "max-size=10m", DoctorLevel.Ok)]
    [InlineData("json-file", "max-size=100m,max-file=5", DoctorLevel.Ok)]
    [InlineData("json-file", "max-file=5", DoctorLevel.Warn)]
    [InlineData("json-file", "max-size=-1", DoctorLevel.Warn)]
    [InlineData("json-file", "max-size= ", DoctorLevel.Warn)]
    [InlineData("json-file", "", DoctorLevel.Warn)]
    [InlineData("json-file", null, DoctorLevel.Warn)]
    [InlineData("local", "", DoctorLevel.Ok)]
    [InlineData("local", null, DoctorLevel.Ok)]
    [InlineData("journald", null, DoctorLevel.Ok)]
    [InlineData("syslog", "", DoctorLevel.Ok)]
    [InlineData("none", "", DoctorLevel.Warn)]
    [InlineData("", null, DoctorLevel.Warn)]
    public void Log_rotation(string driver, string? options, DoctorLevel level)
    {
        var parsed = options?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(o => o.Split('=')).ToDictionary(p => p[0], p => p[1]);

        var finding = Find(s_good with { LogDriver = driver, LogOptions = parsed }, "log-rotation");

        Assert.Equal(level, finding.Level);
    }

    [Fact]
    public void Json_file_without_max_size_says_logs_grow_and_how_to_rotate_them()
    {
        var finding = Find(s_good with { LogOptions = new Dictionary<string, string>() }, "log-rotation");

        Assert.Contains("without max-size", finding.Message, StringComparison.Ordinal);
        Assert.Contains("max-size", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_log_options_are_said_to_be_unknown_not_assumed_bad()
    {
        var finding = Find(s_good with { LogOptions = null }, "log-rotation");

        Assert.Contains("could not tell", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, DoctorLevel.Ok)]
    [InlineData(500, DoctorLevel.Ok)]
    [InlineData(-500, DoctorLevel.Ok)]
    [InlineData(501, DoctorLevel.Warn)]
    [InlineData(-3_000, DoctorLevel.Warn)]
    [InlineData(4_999, DoctorLevel.Warn)]
    [InlineData(5_000, DoctorLevel.Error)]
    [InlineData(-600_000, DoctorLevel.Error)]
    public void Clock_skew(int milliseconds, DoctorLevel level)
    {
        var finding = Find(s_good with { ClockSkew = TimeSpan.FromMilliseconds(milliseconds) }, "clock-skew");

        Assert.Equal(level, finding.Level);
        Assert.Contains(milliseconds < 0 ? "behind" : "ahead of", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clock_skew_reads_in_a_fitting_unit()
    {
        Assert.StartsWith("clock 250 ms ahead", Find(s_good with { ClockSkew = TimeSpan.FromMilliseconds(250) }, "clock-skew").Message, StringComparison.Ordinal);
        Assert.StartsWith("clock 3.5 s behind", Find(s_good with { ClockSkew = TimeSpan.FromMilliseconds(-3_500) }, "clock-skew").Message, StringComparison.Ordinal);
        Assert.StartsWith("clock 10 min ahead", Find(s_good with { ClockSkew = TimeSpan.FromMinutes(10) }, "clock-skew").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unmeasured_clock_skew_is_a_warning()
    {
        Assert.Equal(DoctorLevel.Warn, Find(s_good with { ClockSkew = null }, "clock-skew").Level);
    }

    [Theory]
    [InlineData(80, 100, DoctorLevel.Ok)]
    [InlineData(20, 100, DoctorLevel.Ok)]
    [InlineData(12, 100, DoctorLevel.Warn)] // 12%: under 15%
    [InlineData(9, 40, DoctorLevel.Warn)] // 22% but under 10 GiB
    [InlineData(4, 100, DoctorLevel.Error)] // 4%: under 5%
    [InlineData(1, 10, DoctorLevel.Error)] // 10% but under 2 GiB
    [InlineData(0, 100, DoctorLevel.Error)]
    public void Disk_space(int freeGiB, int totalGiB, DoctorLevel level)
    {
        var finding = Find(s_good with { DiskFreeBytes = (long)freeGiB << 30, DiskTotalBytes = (long)totalGiB << 30 }, "disk-space");

        Assert.Equal(level, finding.Level);
        Assert.Contains("/var/lib/docker", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disk_space_names_the_amounts()
    {
        var finding = Find(s_good with { DiskFreeBytes = 512L << 20, DiskTotalBytes = 20L << 30 }, "disk-space");

        Assert.Equal("512 MiB free of 20.0 GiB (3%) under /var/lib/docker: image pulls and container logs will fail soon", finding.Message);
    }

    [Theory]
    [InlineData(null, 100L)]
    [InlineData(5L, null)]
    [InlineData(5L, 0L)]
    public void Unmeasured_disk_space_is_a_warning(long? freeGiB, long? totalGiB)
    {
        var finding = Find(s_good with { DiskFreeBytes = freeGiB << 30, DiskTotalBytes = totalGiB << 30 }, "disk-space");

        Assert.Equal(DoctorLevel.Warn, finding.Level);
        Assert.Contains("not measured", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2", DoctorLevel.Ok)]
    [InlineData("1", DoctorLevel.Warn)]
    [InlineData("", DoctorLevel.Warn)]
    [InlineData("3", DoctorLevel.Warn)]
    public void Cgroup(string version, DoctorLevel level) =>
        Assert.Equal(level, Find(s_good with { CgroupVersion = version }, "cgroup").Level);

    [Fact]
    public void Nothing_known_gives_warnings_not_errors_and_never_throws()
    {
        var findings = NodeDoctor.Diagnose(new NodeFacts());

        Assert.Equal(7, findings.Count);
        Assert.All(findings, f => Assert.Equal(DoctorLevel.Warn, f.Level));
    }

    [Theory]
    [InlineData("20.10.24+dfsg1", 20, 10)]
    [InlineData("6.1.0-27-amd64", 6, 1)]
    [InlineData("v28.0", 28, 0)]
    [InlineData(" 5.15 ", 5, 15)]
    public void Versions_are_read_from_their_major_and_minor(string text, int major, int minor) =>
        Assert.Equal(new Version(major, minor), NodeDoctor.ParseVersion(text));

    [Theory]
    [InlineData("")]
    [InlineData("dev")]
    [InlineData("28")]
    [InlineData("x1.2")]
    public void Unreadable_versions_are_null(string text) => Assert.Null(NodeDoctor.ParseVersion(text));
}
