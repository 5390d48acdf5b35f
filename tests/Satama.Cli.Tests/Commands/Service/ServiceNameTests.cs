using Satama.Cli.Commands.Service;

namespace Satama.Cli.Tests.Commands.Service;

public sealed class ServiceNameTests
{
    [Fact]
    public void Plain_name_is_in_the_null_stack()
    {
        Assert.Equal(new ServiceName("null", "web"), ServiceName.Parse("web"));
    }

    [Fact]
    public void Stack_slash_name_splits()
    {
        Assert.Equal(new ServiceName("shop", "web"), ServiceName.Parse("shop/web"));
    }

    [Fact]
    public void Too_many_slashes_is_a_problem()
    {
        var problems = new List<string>();

        ServiceName.Parse("a/b/c", problems);

        Assert.Equal(["service 'a/b/c' must be NAME or STACK/NAME"], problems);
    }
}
