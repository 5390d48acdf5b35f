using Satama.Testing;

namespace Satama.Agent.Tests.Hosting;

public sealed class AgentOptionsValidatorTests
{
    private static readonly AgentOptions s_valid = new()
    {
        MasterUrl = new Uri("https://127.0.0.1:7443"),
        GridToken = "t",
        NodeName = "node-1",
        DataDir = "/tmp/x",
    };

    [Fact]
    public void Valid_options_have_no_errors()
    {
        Assert.Empty(AgentOptionsValidator.Validate(s_valid));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = AgentOptionsValidator.Validate(s_valid with
        {
            MasterUrl = new Uri("http://127.0.0.1:7443"),
            GridToken = " ",
            NodeName = "Bad_Name",
            DataDir = "",
            DockerHost = "not a uri",
        });

        Assert.Equal(5, errors.Count);
    }

    [Fact]
    public async Task Starting_against_an_engine_that_does_not_answer_fails_clearly()
    {
        using var dir = new TempDirectory();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AgentRunner.StartAsync(s_valid with { DataDir = dir.Path, DockerHost = "unix:///nonexistent/docker.sock" }));

        Assert.Contains("unix:///nonexistent/docker.sock does not answer", e.Message);
    }
}
