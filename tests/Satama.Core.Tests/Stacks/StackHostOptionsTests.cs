using Satama.Core.Model;
using Satama.Core.Stacks;

namespace Satama.Core.Tests.Stacks;

public sealed class StackHostOptionsTests
{
    [Fact]
    public void Dns_dns_search_devices_pid_and_logging_map_to_the_runtime_and_are_enforced()
    {
        var result = StackFile.Parse("""
            name: shop
            services:
              web:
                image: nginx
                dns: [10.0.0.2, 1.1.1.1]
                dns_search: corp.example.com
                devices:
                  - /dev/fuse
                  - /dev/sdb:/dev/xvdb:r
                pid: host
                logging:
                  driver: syslog
                  options:
                    syslog-address: udp://logs:514
            """, "s.yml");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));

        var mapping = Assert.Single(StackServiceMapper.ToServiceSpecs(result.Stack!, "prod"));

        var runtime = mapping.Spec.Runtime;
        Assert.Equal(["10.0.0.2", "1.1.1.1"], runtime.Dns);
        Assert.Equal(["corp.example.com"], runtime.DnsSearch);
        Assert.Equal(["/dev/fuse", "/dev/sdb:/dev/xvdb:r"], runtime.Devices);
        Assert.Equal(("host", "syslog"), (runtime.Pid, runtime.LogDriver));
        Assert.Equal("udp://logs:514", runtime.LogOptions["syslog-address"]);
        Assert.DoesNotContain(mapping.NotEnforced, n => n is "dns" or "devices" or "pid" or "logging");
        Assert.Empty(result.Warnings);
        Assert.Empty(ServiceValidator.Validate(mapping.Spec));
        Assert.NotEqual(runtime, runtime with { Dns = ["1.1.1.1", "10.0.0.2"] });
    }

    [Fact]
    public void Kontena_log_driver_and_log_opt_are_the_logging_driver_and_its_options()
    {
        var result = StackFile.Parse("""
            stack: acme/shop
            services:
              web:
                image: nginx
                log_driver: gelf
                log_opt:
                  gelf-address: udp://logs:12201
            """, "k.yml");

        var runtime = Assert.Single(StackServiceMapper.ToServiceSpecs(result.Stack!, "prod")).Spec.Runtime;

        Assert.Equal("gelf", runtime.LogDriver);
        Assert.Equal("udp://logs:12201", runtime.LogOptions["gelf-address"]);
    }

    [Fact]
    public void Bad_values_are_errors_at_their_items()
    {
        var result = StackFile.Parse("""
            name: shop
            services:
              web:
                image: nginx
                dns: [not-an-ip]
                dns_search: [bad_domain!]
                devices: [dev/fuse, "/dev/a:/dev/b:rx"]
                pid: "service:db"
                logging:
                  driver: "bad driver"
            """, "s.yml");

        var errors = result.Errors.Select(e => $"{e.Line}:{e.Column} {e.Message}").ToList();
        Assert.Equal(6, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("5:11 dns server `not-an-ip` is not an IP address", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("6:18 dns_search domain `bad_domain!`", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("7:15 device `dev/fuse`", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("7:25 device `/dev/a:/dev/b:rx`", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("8:10 pid must be `host`", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("10:15 logging driver `bad driver`", StringComparison.Ordinal));
    }
}
