using Satama.Core.Model;

namespace Satama.Core.Tests.Model;

public sealed class RestartPolicyTests
{
    [Theory]
    [InlineData(null, RestartPolicy.Always)]
    [InlineData("", RestartPolicy.Always)]
    [InlineData("always", RestartPolicy.Always)]
    [InlineData("unless-stopped", RestartPolicy.Always)]
    [InlineData("on-failure", RestartPolicy.OnFailure)]
    [InlineData("NO", RestartPolicy.No)]
    public void Parses_compose_and_docker_spellings(string? text, RestartPolicy expected)
    {
        Assert.True(RestartPolicies.TryParse(text, out var policy));
        Assert.Equal(expected, policy);
    }

    [Fact]
    public void Refuses_unknown_policies() => Assert.False(RestartPolicies.TryParse("sometimes", out _));

    [Theory]
    [InlineData(RestartPolicy.Always)]
    [InlineData(RestartPolicy.OnFailure)]
    [InlineData(RestartPolicy.No)]
    public void Wire_form_round_trips(RestartPolicy policy)
    {
        Assert.True(RestartPolicies.TryParse(policy.ToWire(), out var back));
        Assert.Equal(policy, back);
    }
}
