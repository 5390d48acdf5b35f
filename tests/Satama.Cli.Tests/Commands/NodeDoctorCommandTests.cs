using Satama.Client.Dtos;

namespace Satama.Cli.Tests.Commands;

/// <summary>satama node doctor [NODE] and the preflight lines of node show, against the in-test master.</summary>
public sealed class NodeDoctorCommandTests() : StubbedCliTests(s_now)
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly NodeInfoDto s_info = new("20.10.24", "vfs", "6.1", 2, 4L << 30, "Debian 12", "10.0.0.5", "0.1.0", "2", "json-file");

    private static DoctorReportDto Report(string node, string source, params DoctorFindingDto[] findings) =>
        new(node, "default", s_now.AddMinutes(-5), source, findings.Any(f => f.Level == "error") ? "error" : findings.Any(f => f.Level == "warn") ? "warn" : "ok", findings);

    private static readonly DoctorFindingDto s_vfs = new("storage-driver", "error", "storage driver vfs: unfit for production", "set overlay2");
    private static readonly DoctorFindingDto s_cgroup = new("cgroup", "ok", "cgroup v2", null);
    private static readonly DoctorFindingDto s_logs = new("log-rotation", "warn", "log driver json-file without max-size", "set max-size");

    [Fact]
    public async Task Doctor_of_one_node_prints_each_check_with_its_fix_and_fails_on_an_error()
    {
        Stub.Nodes.Add(new NodeDto("n1", "node-1", "default", true, new Dictionary<string, string>(), 0, s_now, s_now, s_info));
        Stub.Doctor["node-1"] = Report("node-1", "doctor", s_vfs, s_cgroup);

        var result = await Cli.RunAsync("node", "doctor", "node-1");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
        [
            "Node node-1: error (checked 2026-11-25 07:55:00Z)",
            "LEVEL   CHECK            FINDING                                    FIX",
            "error   storage-driver   storage driver vfs: unfit for production   set overlay2",
            "ok      cgroup           cgroup v2                                  -",
            "",
        ], result.OutLines);
        Assert.Contains(Stub.Received, r => r.Request == "POST /v1/grids/default/nodes/node-1/doctor");
    }

    [Fact]
    public async Task Warnings_alone_exit_zero()
    {
        Stub.Nodes.Add(new NodeDto("n1", "node-1", "default", true, new Dictionary<string, string>(), 0, s_now, s_now, s_info));
        Stub.Doctor["node-1"] = Report("node-1", "doctor", s_logs, s_cgroup);

        var result = await Cli.RunAsync("node", "doctor", "node-1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warn    log-rotation   log driver json-file without max-size   set max-size", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_of_every_node_checks_online_ones_and_shows_the_last_findings_of_offline_ones()
    {
        Stub.Nodes.Add(new NodeDto("n1", "node-1", "default", true, new Dictionary<string, string>(), 0, s_now, s_now, s_info));
        Stub.Nodes.Add(new NodeDto("n2", "node-2", "default", false, new Dictionary<string, string>(), 0, s_now.AddHours(-1), s_now, s_info)
        {
            Doctor = Report("node-2", "registration", s_logs),
        });
        Stub.Nodes.Add(new NodeDto("n3", "node-3", "default", false, new Dictionary<string, string>(), 0, null, s_now, s_info));
        Stub.Doctor["node-1"] = Report("node-1", "doctor", s_cgroup);

        var result = await Cli.RunAsync("node", "doctor");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Node node-1: ok (checked 2026-11-25 07:55:00Z)\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("Node node-2: warn (not checked now; last checked 5m ago at registration)\n", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("node-3", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Stub.Received, r => r.Request.Contains("node-2/doctor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Doctor_as_json_is_the_report_or_the_list_of_reports()
    {
        Stub.Nodes.Add(new NodeDto("n1", "node-1", "default", true, new Dictionary<string, string>(), 0, s_now, s_now, s_info));
        Stub.Doctor["node-1"] = Report("node-1", "doctor", s_cgroup);

        var one = await Cli.RunAsync("node", "doctor", "node-1", "-o", "json");
        var all = await Cli.RunAsync("node", "doctor", "-o", "json");

        Assert.StartsWith("{", one.Out.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("\"check\": \"cgroup\"", one.Out, StringComparison.Ordinal);
        Assert.StartsWith("[", all.Out.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_of_an_offline_or_unknown_node_is_an_error_line()
    {
        Stub.Nodes.Add(new NodeDto("n1", "node-1", "default", false, new Dictionary<string, string>(), 0, s_now, s_now, s_info));

        var offline = await Cli.RunAsync("node", "doctor", "node-1");
        var unknown = await Cli.RunAsync("node", "doctor", "nope");

        Assert.Equal(1, offline.ExitCode);
        Assert.Equal(["error: node 'node-1' is offline"], offline.ErrorLines);
        Assert.Equal(1, unknown.ExitCode);
        Assert.StartsWith("error: node 'nope' not found", unknown.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_show_has_the_preflight_summary_and_every_finding_that_is_not_ok()
    {
        Stub.Nodes.Add(new NodeDto("n1", "node-1", "default", true, new Dictionary<string, string>(), 0, s_now, s_now, s_info)
        {
            Doctor = Report("node-1", "registration", s_vfs, s_logs, s_cgroup),
        });

        var result = await Cli.RunAsync("node", "show", "node-1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Preflight:        error: 2 of 3 checks (checked 5m ago at registration; 'satama node doctor' checks again)\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("  storage-driver: error: storage driver vfs: unfit for production; fix: set overlay2\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("  log-rotation:   warn: log driver json-file without max-size; fix: set max-size\n", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("cgroup v2", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_show_of_a_node_never_checked_says_so()
    {
        Stub.Nodes.Add(new NodeDto("n1", "node-1", "default", true, new Dictionary<string, string>(), 0, s_now, s_now, s_info));

        var result = await Cli.RunAsync("node", "show", "node-1");

        Assert.Contains("Preflight:", result.Out, StringComparison.Ordinal);
        Assert.Contains("not checked yet", result.Out, StringComparison.Ordinal);
    }
}
