using Satama.Testing;

namespace Satama.Master.Tests.Hosting;

public sealed class ListenTests
{
    [Fact]
    public async Task Localhost_with_port_zero_binds_a_free_port_and_the_url_keeps_the_host()
    {
        using var data = new TempDirectory("satama-master-");

        await using var server = await MasterServer.StartAsync(new MasterOptions { DataDir = data.Path, Listen = ["https://localhost:0"] });
        using var client = new Client.SatamaClient(server.Url, server.AdminToken, server.CaFingerprint);

        Assert.Equal("localhost", server.Url.Host);
        Assert.NotEqual(0, server.Url.Port);
        Assert.Equal(server.CaFingerprint, (await client.InfoAsync()).CaFingerprint);
    }

    [Fact]
    public async Task A_listen_address_that_is_not_https_is_refused_with_a_reason()
    {
        using var data = new TempDirectory("satama-master-");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => MasterServer.StartAsync(new MasterOptions { DataDir = data.Path, Listen = ["http://127.0.0.1:0"] }));

        Assert.Contains("not an https URL", error.Message);
    }

    [Fact]
    public async Task A_port_in_use_fails_the_start_with_an_IO_error_and_leaves_the_data_dir_usable()
    {
        using var data = new TempDirectory("satama-master-");
        using var other = new TempDirectory("satama-master-");
        await using var first = await MasterServer.StartAsync(new MasterOptions { DataDir = other.Path, Listen = ["https://127.0.0.1:0"] });
        var taken = $"https://127.0.0.1:{first.Url.Port}";

        await Assert.ThrowsAnyAsync<IOException>(() => MasterServer.StartAsync(new MasterOptions { DataDir = data.Path, Listen = [taken] }));

        await using var retry = await MasterServer.StartAsync(new MasterOptions { DataDir = data.Path, Listen = ["https://127.0.0.1:0"] });
        Assert.NotEqual(0, retry.Url.Port);
    }

    [Fact]
    public async Task A_second_master_on_the_same_data_dir_is_refused_until_the_first_stops()
    {
        using var data = new TempDirectory("satama-master-");
        var first = await MasterServer.StartAsync(new MasterOptions { DataDir = data.Path, Listen = ["https://127.0.0.1:0"] });

        var error = await Assert.ThrowsAsync<IOException>(() => MasterServer.StartAsync(new MasterOptions { DataDir = data.Path, Listen = ["https://127.0.0.1:0"] }));
        await first.DisposeAsync();
        await using var second = await MasterServer.StartAsync(new MasterOptions { DataDir = data.Path, Listen = ["https://127.0.0.1:0"] });

        Assert.Contains("in use by another master", error.Message);
        Assert.Equal(first.AdminToken, second.AdminToken);
    }
}
