using Satama.Core.Model;
using Satama.Testing;

namespace Satama.Agent.Tests.Health;

/// <summary>An image's own HEALTHCHECK is honored when the service has no check: Docker runs it, the agent reads it.</summary>
public sealed class DockerHealthcheckTests(ITestOutputHelper output)
{
    private static async Task<string> ImageAsync(string tag, string test)
    {
        await TestImages.BusyboxAsync();
        var image = $"satama-test/busybox-health-{tag}:latest";
        var dir = Directory.CreateTempSubdirectory("satama-health-img-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "Dockerfile"), $"""
                FROM {TestImages.Busybox}
                HEALTHCHECK --interval=1s --timeout=2s --retries=1 CMD {test}
                """);
            (await Shell.RunAsync("docker", ["build", "-q", "-t", image, dir.FullName], timeout: TimeSpan.FromMinutes(2)))
                .EnsureSuccess("docker build of a HEALTHCHECK image");
            return image;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_passing_image_healthcheck_makes_the_instance_healthy()
    {
        var image = await ImageAsync("ok", "wget -q -O /dev/null http://127.0.0.1:8080/index.html || exit 1");
        await using var harness = new HealthHarness(output);

        await harness.RunAsync(null, image: image);

        await harness.HealthAsync(InstanceHealth.Healthy, "docker healthcheck healthy");
    }

    [Fact]
    public async Task A_failing_image_healthcheck_makes_the_instance_unhealthy_with_its_output()
    {
        var image = await ImageAsync("bad", "echo not ready; exit 1");
        await using var harness = new HealthHarness(output);

        await harness.RunAsync(null, image: image);

        var status = await harness.HealthAsync(InstanceHealth.Unhealthy, "docker healthcheck unhealthy");
        Assert.Equal("exit 1: not ready", status.Detail);
    }
}
