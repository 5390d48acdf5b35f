using Satama.Core.Model;
using Satama.Core.Stacks;

namespace Satama.Core.Tests.Stacks;

public sealed class StackMountMapperTests
{
    private static StackServiceMapping Map(string yaml)
    {
        var result = StackFile.Parse(yaml, "s.yml");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return Assert.Single(StackServiceMapper.ToServiceSpecs(result.Stack!, "prod"));
    }

    private static IReadOnlyList<StackDiagnostic> Errors(string yaml)
    {
        var result = StackFile.Parse(yaml, "s.yml");
        Assert.False(result.Succeeded);
        return [.. result.Errors];
    }

    [Fact]
    public void Bind_named_anonymous_and_tmpfs_mounts_map_to_the_service_and_are_enforced()
    {
        var mapping = Map("""
            name: shop
            services:
              db:
                image: postgres:16
                volumes:
                  - pgdata:/var/lib/postgresql/data
                  - /srv/shop/init:/docker-entrypoint-initdb.d:ro
                  - /cache
                  - type: tmpfs
                    target: /scratch
            volumes:
              pgdata:
                driver: local
                driver_opts:
                  type: none
                  o: bind
                  device: /mnt/disk
            """);

        var mounts = mapping.Spec.Mounts;
        Assert.Equal(4, mounts.Count);
        Assert.Equal(new MountSpec
        {
            Type = MountType.Volume,
            Target = "/var/lib/postgresql/data",
            StackVolume = "pgdata",
            VolumeName = "prod.shop.pgdata",
            Driver = "local",
            DriverOpts = new Dictionary<string, string> { ["type"] = "none", ["o"] = "bind", ["device"] = "/mnt/disk" },
        }, mounts[0]);
        Assert.Equal(new MountSpec { Type = MountType.Bind, Source = "/srv/shop/init", Target = "/docker-entrypoint-initdb.d", ReadOnly = true }, mounts[1]);
        Assert.Equal(new MountSpec { Type = MountType.Volume, Target = "/cache" }, mounts[2]);
        Assert.False(mounts[2].IsNamed);
        Assert.Equal(new MountSpec { Type = MountType.Tmpfs, Target = "/scratch" }, mounts[3]);
        Assert.DoesNotContain("volumes", mapping.NotEnforced);
        Assert.Empty(ServiceValidator.Validate(mapping.Spec));
    }

    [Fact]
    public void An_external_volume_keeps_its_own_name_and_a_named_one_its_name()
    {
        var mounts = Map("""
            name: shop
            services:
              db:
                image: postgres:16
                volumes:
                  - legacy:/old
                  - shared:/shared:ro
                  - plain:/plain
            volumes:
              legacy:
                external: true
                name: old-data
              shared:
                name: shop-shared
              plain:
                external: true
            """).Spec.Mounts;

        Assert.Equal(("old-data", true), (mounts[0].VolumeName, mounts[0].External));
        Assert.Equal(("shop-shared", false, true), (mounts[1].VolumeName, mounts[1].External, mounts[1].ReadOnly));
        Assert.Equal(("plain", true), (mounts[2].VolumeName, mounts[2].External));
    }

    [Fact]
    public void A_relative_bind_source_is_an_error_at_its_line_that_says_why()
    {
        var errors = Errors("""
            name: shop
            services:
              db:
                image: postgres:16
                volumes:
                  - ./init:/docker-entrypoint-initdb.d:ro
                  - type: bind
                    source: ~/conf
                    target: /conf
            """);

        Assert.Equal(2, errors.Count);
        Assert.Equal((6, 9), (errors[0].Line, errors[0].Column));
        Assert.Contains("bind mount source `./init` is relative", errors[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("no stack directory", errors[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("absolute path on the node", errors[0].ToString(), StringComparison.Ordinal);
        Assert.StartsWith("s.yml:7:", errors[1].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_mounts_at_one_target_and_a_volume_name_docker_refuses_are_errors()
    {
        var errors = Errors("""
            name: shop
            services:
              db:
                image: postgres:16
                volumes:
                  - data:/data
                  - /data/
            volumes:
              data:
              "bad name":
            """);

        Assert.Contains(errors, e => e.Message.Contains("two volumes are mounted at `/data`", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("volume name `bad name` is not a Docker volume name", StringComparison.Ordinal));
    }

    [Fact]
    public void Equal_mounts_compare_equal_whatever_the_order_of_their_driver_options()
    {
        var a = new MountSpec { Type = MountType.Volume, Target = "/d", VolumeName = "v", DriverOpts = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } };
        var b = a with { DriverOpts = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { ReadOnly = true });
    }
}
