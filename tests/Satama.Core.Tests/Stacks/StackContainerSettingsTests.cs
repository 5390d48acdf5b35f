using Satama.Core.Model;
using Satama.Core.Stacks;

namespace Satama.Core.Tests.Stacks;

public sealed class StackContainerSettingsTests
{
    private const string Settings = """
        name: shop
        services:
          web:
            image: nginx
            user: "101:101"
            working_dir: /srv
            hostname: web
            labels:
              com.example.team: blue
            read_only: true
            tmpfs: ["/run", "/tmp:size=64m"]
            cap_add: [NET_ADMIN]
            cap_drop: [ALL]
            privileged: false
            extra_hosts: ["metadata:169.254.169.254", "db=10.0.0.2"]
            shm_size: 128m
            sysctls:
              net.core.somaxconn: 1024
            ulimits:
              nofile: {soft: 20000, hard: 40000}
              nproc: 512
        """;

    private static IReadOnlyList<StackDiagnostic> Errors(string yaml)
    {
        var result = StackFile.Parse(yaml, "s.yml");
        Assert.False(result.Succeeded);
        return [.. result.Errors];
    }

    [Fact]
    public void Container_settings_map_to_the_runtime_and_are_enforced()
    {
        var mapping = Assert.Single(StackServiceMapper.ToServiceSpecs(StackFile.Parse(Settings, "s.yml").Stack!, "default"));

        var r = mapping.Spec.Runtime;
        Assert.Equal(("101:101", "/srv", "web"), (r.User, r.WorkingDir, r.Hostname));
        Assert.Equal("blue", r.Labels["com.example.team"]);
        Assert.True(r.ReadOnly);
        Assert.False(r.Privileged);
        Assert.Equal(["/run", "/tmp:size=64m"], r.Tmpfs);
        Assert.Equal(["NET_ADMIN"], r.CapAdd);
        Assert.Equal(["ALL"], r.CapDrop);
        Assert.Equal(["metadata:169.254.169.254", "db:10.0.0.2"], r.ExtraHosts);
        Assert.Equal(128L << 20, r.ShmSizeBytes);
        Assert.Equal("1024", r.Sysctls["net.core.somaxconn"]);
        Assert.Equal([new UlimitSpec("nofile", 20000, 40000), new UlimitSpec("nproc", 512, 512)], r.Ulimits);
        Assert.Empty(mapping.NotEnforced);
        Assert.Empty(ServiceValidator.Validate(mapping.Spec));
    }

    [Fact]
    public void A_reserved_label_is_an_error_at_its_key()
    {
        var error = Assert.Single(Errors("""
            name: shop
            services:
              web:
                image: nginx
                labels:
                  team: blue
                  io.satama.grid: other
            """));

        Assert.Equal((7, 7, "services.web.labels"), (error.Line, error.Column, error.Path));
        Assert.Contains("label `io.satama.grid` is reserved", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reserved_label_in_list_form_is_an_error_at_its_item()
    {
        var error = Assert.Single(Errors("name: shop\nservices:\n  web:\n    image: nginx\n    labels:\n      - a=b\n      - io.satama.stack=x\n"));

        Assert.Equal((7, 9, "services.web.labels"), (error.Line, error.Column, error.Path));
    }

    [Fact]
    public void An_unknown_ulimit_is_an_error_at_its_key()
    {
        var error = Assert.Single(Errors("name: shop\nservices:\n  web:\n    image: nginx\n    ulimits:\n      nofile: 1024\n      openfiles: 10\n"));

        Assert.Equal((7, 7, "services.web.ulimits"), (error.Line, error.Column, error.Path));
        Assert.Contains("ulimit `openfiles` is unknown", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_setting_is_reported_at_once_where_it_is_written()
    {
        var errors = Errors("""
            name: shop
            services:
              web:
                image: nginx
                user: "a b"
                working_dir: srv
                hostname: web_1
                tmpfs: [run]
                cap_add: [net_admin]
                extra_hosts: ["metadata:not-an-ip"]
                sysctls: {"Bad Key": "1"}
                ulimits:
                  nofile: {soft: 50, hard: 10}
            """);

        Assert.Equal(
            [(5, "user"), (6, "working_dir"), (7, "hostname"), (8, "tmpfs"), (9, "cap_add"), (10, "extra_hosts"), (11, "sysctls"), (13, "ulimits")],
            errors.Select(e => (e.Line, e.Path["services.web.".Length..])).Order());
        Assert.Contains(errors, e => e.Message.Contains("soft limit 50 is above hard limit 10", StringComparison.Ordinal));
    }

    [Fact]
    public void Runtime_specs_compare_lists_and_maps_by_content_in_any_order()
    {
        var a = new RuntimeSpec { CapAdd = ["A", "B"], Labels = new Dictionary<string, string> { ["x"] = "1", ["y"] = "2" }, Ulimits = [new("nofile", 1, 2), new("nproc", 3, 4)] };
        var b = new RuntimeSpec { CapAdd = ["B", "A"], Labels = new Dictionary<string, string> { ["y"] = "2", ["x"] = "1" }, Ulimits = [new("nproc", 3, 4), new("nofile", 1, 2)] };

        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { Labels = new Dictionary<string, string> { ["x"] = "1" } });
        Assert.NotEqual(a, b with { Ulimits = [new("nofile", 1, 3)] });
    }
}
