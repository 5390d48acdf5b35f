using Satama.Testing;
using Satama.Testing.Lab;

namespace Satama.E2E.Lab;

/// <summary>The simulated-host harness that multi-host tests stand on.</summary>
[Collection("lab")]
public sealed class LabHostsTests
{
    [Fact]
    public async Task Two_simulated_hosts_run_their_own_engines_and_reach_each_other()
    {
        var image = await TestImages.BusyboxAsync();
        await using var lab = await LabNetwork.CreateAsync();
        var h1 = await lab.AddHostAsync(1);
        var h2 = await lab.AddHostAsync(2);

        Assert.Equal("h1", (await h1.DockerAsync("info", "--format", "{{.Name}}")).EnsureSuccess("info").Stdout.Trim());
        Assert.Equal("h2", (await h2.DockerAsync("info", "--format", "{{.Name}}")).EnsureSuccess("info").Stdout.Trim());
        var ping = await h1.ExecAsync("busybox", "ping", "-c", "1", "-W", "5", h2.Address);
        Assert.True(ping.ExitCode == 0, ping.Stdout + ping.Stderr);

        await h2.LoadImageAsync(image);
        (await h2.DockerAsync("run", "-d", "--name", "web", "-p", "8080:8080", image, "httpd", "-f", "-p", "8080", "-h", "/www")).EnsureSuccess("run");
        var fetched = await Eventually.ValueAsync(
            () => h1.ExecAsync("busybox", "timeout", "5", "wget", "-q", "-O", "-", $"http://{h2.Address}:8080/index.html"),
            r => r.ExitCode == 0, "h1 to fetch from h2's container", describe: r => r.Stderr);
        Assert.Equal("hello from satama", fetched.Stdout.Trim());
        Assert.Empty((await Shell.DockerAsync("ps", "-q", "--filter", "name=^web$")).Stdout.Trim());
    }
}
