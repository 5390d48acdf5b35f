using Satama.Core.Model;
using Satama.Master.AgentLink;
using Satama.Master.Stacks;
using Satama.Master.Store;

namespace Satama.Master.Tests.Storage;

public sealed class ConfigDesiredTests
{
    private static readonly ServiceSpec s_web = new() { Grid = "g", Stack = "shop", Name = "web", Image = "nginx" };
    private static readonly ServiceConfig s_site = new() { Name = "site", Target = "/etc/nginx/site.conf", Content = "server {}\n", Mode = 0b100_100_000, Uid = 101 };

    [Fact]
    public void The_desired_container_carries_each_config_with_its_content()
    {
        var config = Assert.Single(DesiredSetBuilder.Container(s_web with { Configs = [s_site] }, 1).Configs);

        Assert.Equal(("site", "/etc/nginx/site.conf", "server {}\n", 0b100_100_000u, 101, -1),
            (config.Name, config.Target, config.Content.ToStringUtf8(), config.Mode, config.Uid, config.Gid));
    }

    [Fact]
    public void A_change_of_content_is_a_new_spec_hash_and_a_shaping_change()
    {
        var web = s_web with { Configs = [s_site] };
        var changed = s_web with { Configs = [s_site with { Content = "server { listen 81; }\n" }] };

        Assert.NotEqual(SpecHash.Of(s_web), SpecHash.Of(web));
        Assert.NotEqual(SpecHash.Of(web), SpecHash.Of(changed));
        Assert.Equal(["configs"], StackPlanner.ShapingFields(web, changed));
        Assert.Equal(SpecHash.Of(s_web), SpecHash.Of(s_web with { Configs = [] }));
        Assert.Equal(web.Configs, StoreJson.Read<ServiceSpec>(StoreJson.Write(web)).Configs);
    }
}
