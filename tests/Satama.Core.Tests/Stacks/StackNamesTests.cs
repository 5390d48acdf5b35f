using Satama.Core.Stacks;

namespace Satama.Core.Tests.Stacks;

public sealed class StackNamesTests
{
    [Theory]
    [InlineData("/srv/shop", "shop")]
    [InlineData("/home/me/My_Shop.v2/", "my-shop-v2")]
    [InlineData("/tmp/--x--", "x")]
    [InlineData("/", null)]
    [InlineData("/srv/null", null)]
    [InlineData("/srv/___", null)]
    [InlineData(null, null)]
    public void A_directory_gives_a_dns_label_shaped_stack_name(string? directory, string? expected) =>
        Assert.Equal(expected, StackNames.FromDirectory(directory));

    [Fact]
    public void The_default_name_applies_only_when_neither_option_nor_file_names_the_stack()
    {
        const string text = "services:\n  web:\n    image: busybox\n";

        var byDefault = StackFile.Parse(text, "shop.yml", new StackParseOptions { DefaultStackName = "shop" });
        var byFile = StackFile.Parse("name: named\n" + text, "shop.yml", new StackParseOptions { DefaultStackName = "shop" });

        Assert.Equal("shop", byDefault.Stack!.Name);
        Assert.Equal("named", byFile.Stack!.Name);
    }
}
