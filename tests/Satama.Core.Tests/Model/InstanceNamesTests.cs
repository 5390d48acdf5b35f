using Satama.Core.Model;

namespace Satama.Core.Tests.Model;

public sealed class InstanceNamesTests
{
    [Fact]
    public void Instance_names_number_from_the_service() => Assert.Equal("web-2", InstanceNames.Instance("web", 2));

    [Fact]
    public void Container_names_cannot_collide_across_stacks_with_dashes()
    {
        // "a-b" in stack "c" and "b" in stack "a-c"... dots keep the parts apart.
        Assert.NotEqual(InstanceNames.Container("g", "a", "b-c", 1, 1), InstanceNames.Container("g", "a-b", "c", 1, 1));
        Assert.Equal("prod.shop.web-3.r7", InstanceNames.Container("prod", "shop", "web", 3, 7));
    }

    [Fact]
    public void Two_revisions_of_one_instance_have_two_container_names() =>
        Assert.NotEqual(InstanceNames.Container("g", "s", "web", 1, 1), InstanceNames.Container("g", "s", "web", 1, 2));
}
