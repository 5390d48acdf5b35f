using System.Net;
using Satama.Client;
using Satama.Master.Tests.Infrastructure;

namespace Satama.Master.Tests.Api;

public sealed class AuthTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private TestMaster Master => fixture.Master;

    [Fact]
    public async Task Info_answers_without_a_token_and_names_the_CA_fingerprint()
    {
        using var anonymous = Master.ClientWithToken(null);

        var info = await anonymous.InfoAsync();

        Assert.Equal(Master.Server.CaFingerprint, info.CaFingerprint);
    }

    [Fact]
    public async Task Grids_need_a_token()
    {
        using var anonymous = Master.ClientWithToken(null);

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => anonymous.ListGridsAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Contains("bearer token", error.Detail);
    }

    [Fact]
    public async Task A_wrong_token_is_refused()
    {
        using var stranger = Master.ClientWithToken("not-the-admin-token");

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => stranger.CreateGridAsync(new("sneaky")));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.DoesNotContain("sneaky", (await Master.Client.ListGridsAsync()).Select(g => g.Name));
    }

    [Fact]
    public async Task Every_v1_resource_route_needs_a_token()
    {
        using var anonymous = Master.ClientWithToken(null);
        var grid = await Master.NewGridAsync();

        var calls = new Func<Task>[]
        {
            () => anonymous.GetGridAsync(grid.Name),
            () => anonymous.ListNodesAsync(grid.Name),
            () => anonymous.ListServicesAsync(grid.Name),
            () => anonymous.ListContainersAsync(grid.Name),
            () => anonymous.DeleteGridAsync(grid.Name),
        };

        foreach (var call in calls)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<SatamaApiException>(call)).Status);
        }
        Assert.Equal(grid.Name, (await Master.Client.GetGridAsync(grid.Name)).Name);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_admin_token_file_is_readable_only_by_its_owner()
    {
        var mode = File.GetUnixFileMode(Master.Server.AdminTokenPath);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.Equal(Master.Server.AdminToken, (await File.ReadAllTextAsync(Master.Server.AdminTokenPath)).Trim());
    }
}
