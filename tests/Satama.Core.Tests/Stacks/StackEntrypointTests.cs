using Satama.Core.Model;
using Satama.Core.Stacks;

namespace Satama.Core.Tests.Stacks;

public sealed class StackEntrypointTests
{
    private static StackServiceMapping Map(string yaml)
    {
        var result = StackFile.Parse(yaml, "s.yml");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return Assert.Single(StackServiceMapper.ToServiceSpecs(result.Stack!, "default"));
    }

    [Fact]
    public void An_entrypoint_string_is_split_like_a_shell_and_enforced()
    {
        var mapping = Map("""
            name: shop
            services:
              web:
                image: nginx
                entrypoint: /bin/sh -c "exec nginx"
                command: ["-g", "daemon off;"]
            """);

        Assert.Equal(["/bin/sh", "-c", "exec nginx"], mapping.Spec.Entrypoint);
        Assert.Equal(["-g", "daemon off;"], mapping.Spec.Command);
        Assert.DoesNotContain("entrypoint", mapping.NotEnforced);
        Assert.Empty(ServiceValidator.Validate(mapping.Spec));
    }

    [Fact]
    public void A_list_entrypoint_is_kept_as_written_and_no_entrypoint_means_the_images()
    {
        Assert.Equal(["/docker-entrypoint.sh", "--verbose"], Map("""
            name: shop
            services:
              web:
                image: nginx
                entrypoint: ["/docker-entrypoint.sh", "--verbose"]
            """).Spec.Entrypoint);
        Assert.Empty(Map("""
            name: shop
            services:
              web:
                image: nginx
            """).Spec.Entrypoint);
    }
}
