using Satama.Core.Model;

namespace Satama.Core.Tests.Model;

public sealed class NamesTests
{
    [Theory]
    [InlineData("web")]
    [InlineData("a")]
    [InlineData("web-2")]
    [InlineData("0day")]
    [InlineData("null")]
    public void Valid_names_pass(string name) => Assert.Null(Names.Check("service", name));

    [Theory]
    [InlineData("")]
    [InlineData("Web")]
    [InlineData("-web")]
    [InlineData("web-")]
    [InlineData("web.shop")]
    [InlineData("web/shop")]
    [InlineData("../etc")]
    [InlineData("we b")]
    [InlineData("wéb")]
    public void Invalid_names_are_refused_with_the_kind_in_the_message(string name)
    {
        var error = Names.Check("service", name);

        Assert.NotNull(error);
        Assert.StartsWith("service name", error);
    }

    [Fact]
    public void Names_longer_than_a_dns_label_are_refused()
    {
        Assert.Null(Names.Check("grid", new string('a', Names.MaxLength)));
        Assert.Contains("longer than 63", Names.Check("grid", new string('a', Names.MaxLength + 1)));
    }

    [Fact]
    public void Null_name_is_reported_as_empty() => Assert.Equal("node name is empty", Names.Check("node", null));
}
