using Satama.Core.Security;
using Satama.Core.Stacks;

namespace Satama.Core.Tests.Stacks;

/// <summary>Host-level options found on the mapped services point back at the stack file (StackParseResult.ErrorAt).</summary>
public sealed class StackHostLevelPositionsTests
{
    [Fact]
    public void Each_host_level_option_of_a_stack_has_the_line_and_column_of_its_key()
    {
        var result = StackFile.Parse("""
            name: shop
            services:
              web:
                image: nginx
                privileged: true
                cap_add: [CHOWN, SYS_ADMIN]
                sysctls:
                  kernel.core_pattern: "|/tmp/x"
                volumes:
                  - /tmp:/t
                  - /var/run/docker.sock:/var/run/docker.sock
                  - data:/data
            volumes:
              data:
                driver_opts: {type: none, o: bind, device: /var/lib/satama}
            """, "s.yml");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var spec = Assert.Single(StackServiceMapper.ToServiceSpecs(result.Stack!, "prod")).Spec;

        var located = HostOptions.Of(spec).Select(o => result.ErrorAt($"services.web.{o.StackKey}", o.Name).ToString()).ToList();

        Assert.Equal(
        [
            "s.yml:5:17: services.web.privileged: privileged",
            "s.yml:6:22: services.web.cap_add[1]: cap_add:SYS_ADMIN",
            "s.yml:8:7: services.web.sysctls.kernel.core_pattern: sysctl:kernel.core_pattern",
            "s.yml:10:9: services.web.volumes[0]: bind:/tmp",
            "s.yml:11:9: services.web.volumes[1]: bind:/var/run/docker.sock",
            "s.yml:12:9: services.web.volumes[2]: bind:/var/lib/satama",
        ], located);
    }

    [Fact]
    public void A_key_the_file_does_not_have_points_at_the_nearest_one_above_it()
    {
        var result = StackFile.Parse("""
            name: shop
            services:
              web:
                image: nginx
                sysctls:
                  - kernel.panic=1
            """, "s.yml");

        Assert.Equal("s.yml:6:7: services.web.sysctls.kernel.panic: m", result.ErrorAt("services.web.sysctls.kernel.panic", "m").ToString());
        Assert.Equal("s.yml:0:0: nowhere: m", result.ErrorAt("nowhere", "m").ToString());
    }
}
