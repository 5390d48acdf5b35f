using Satama.Core.Model;
using Satama.Core.Stacks;

namespace Satama.Core.Tests.Stacks;

public sealed class StackConfigMapperTests
{
    private const string Stack = """
        name: shop
        services:
          web:
            image: nginx
            configs:
              - source: site
                target: /etc/nginx/conf.d/site.conf
                mode: 0440
                uid: 101
              - motd
        configs:
          site:
            file: ./conf/site.conf
          motd:
            content: |
              Welcome to ${STACK}
        """;

    private static StackParseResult Parse(string yaml, Func<string, string?>? files = null) =>
        StackFile.Parse(yaml, "shop/s.yml", new StackParseOptions { ResolveFile = files });

    [Fact]
    public void Inline_and_file_configs_map_with_their_content_target_and_mode()
    {
        var requested = new List<string>();
        var result = Parse(Stack, path =>
        {
            requested.Add(path);
            return path == "shop/conf/site.conf" ? "server { listen 80; }\n" : null;
        });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));

        var mapping = Assert.Single(StackServiceMapper.ToServiceSpecs(result.Stack!, "prod"));

        Assert.Contains("shop/conf/site.conf", requested);
        Assert.Equal(
        [
            new ServiceConfig { Name = "site", Target = "/etc/nginx/conf.d/site.conf", Content = "server { listen 80; }\n", Mode = 0b100_100_000, Uid = 101 },
            new ServiceConfig { Name = "motd", Target = "/motd", Content = "Welcome to shop" },
        ], mapping.Spec.Configs);
        Assert.Equal(0b100_100_100, mapping.Spec.Configs[1].Mode);
        Assert.DoesNotContain(mapping.NotEnforced, n => n.StartsWith("configs", StringComparison.Ordinal));
        Assert.Empty(ServiceValidator.Validate(mapping.Spec));
    }

    [Fact]
    public void A_config_file_that_cannot_be_read_is_an_error_at_its_line()
    {
        var result = Parse(Stack, _ => null);

        var error = Assert.Single(result.Errors);
        Assert.Equal((13, 11), (error.Line, error.Column));
        Assert.Contains("config file `./conf/site.conf` (read as shop/conf/site.conf) was not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_from_the_environment_or_external_is_noted_as_not_enforced_and_two_at_one_target_are_an_error()
    {
        var result = Parse("""
            name: shop
            services:
              web:
                image: nginx
                configs: [a, b]
            configs:
              a:
                environment: A_CONFIG
              b:
                external: true
            """);
        var mapping = Assert.Single(StackServiceMapper.ToServiceSpecs(result.Stack!, "prod"));
        Assert.Empty(mapping.Spec.Configs);
        Assert.Equal(2, mapping.NotEnforced.Count(n => n.StartsWith("configs: `", StringComparison.Ordinal)));

        var twice = Parse("""
            name: shop
            services:
              web:
                image: nginx
                configs:
                  - a
                  - source: b
                    target: a
            configs:
              a:
                content: x
              b:
                content: y
            """);
        Assert.Contains(twice.Errors, e => e.Message == "two configs are mounted at `/a`" && e.Line == 7);
    }
}
