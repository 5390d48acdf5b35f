using System.Net;
using System.Text;
using Satama.Client;
using Satama.Master.Tests.Infrastructure;
using Satama.Testing;

namespace Satama.Master.Tests.Vault;

public sealed class VaultTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private TestMaster Master => fixture.Master;

    [Fact]
    public async Task A_secret_is_written_read_updated_listed_without_its_value_and_removed()
    {
        var grid = (await Master.NewGridAsync()).Name;

        var written = await Master.Client.WriteSecretAsync(grid, "DB_PASSWORD", "s3cret-one");
        var read = await Master.Client.ReadSecretAsync(grid, "DB_PASSWORD");
        var updated = await Master.Client.UpdateSecretAsync(grid, "DB_PASSWORD", "s3cret-two");
        var listed = await Master.Client.ListSecretsAsync(grid);

        Assert.Equal(1, written.Version);
        Assert.Equal("s3cret-one", read.Value);
        Assert.Equal(2, updated.Version);
        Assert.Equal("s3cret-two", (await Master.Client.ReadSecretAsync(grid, "DB_PASSWORD")).Value);
        var only = Assert.Single(listed);
        Assert.Equal(("DB_PASSWORD", 2L), (only.Name, only.Version));
        await Master.Client.DeleteSecretAsync(grid, "DB_PASSWORD");
        Assert.Empty(await Master.Client.ListSecretsAsync(grid));
    }

    [Fact]
    public async Task Listings_and_errors_never_carry_a_value()
    {
        var grid = (await Master.NewGridAsync()).Name;
        const string value = "never-print-me-4711";
        await Master.Client.WriteSecretAsync(grid, "token", value);

        var listing = await RawGetAsync($"v1/grids/{grid}/secrets");
        var duplicate = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.WriteSecretAsync(grid, "token", value));
        var tooBig = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.WriteSecretAsync(grid, "big", value + new string('x', 70_000)));
        var badName = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.WriteSecretAsync(grid, "../etc", value));

        Assert.DoesNotContain(value, listing);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badName.Status);
        Assert.All([duplicate, tooBig, badName], e => Assert.DoesNotContain(value, e.Message));
    }

    [Fact]
    public async Task An_unknown_secret_is_refused_naming_the_secrets_there_are()
    {
        var grid = (await Master.NewGridAsync()).Name;
        await Master.Client.WriteSecretAsync(grid, "api-key", "v");

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.ReadSecretAsync(grid, "nope"));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Contains("api-key", error.Message);
        Assert.DoesNotContain("\"v\"", error.Message);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task The_database_file_never_holds_a_written_value()
    {
        using var data = new TempDirectory("satama-vault-");
        const string value = "plaintext-canary-0d1e5c";
        await using (var master = await TestMaster.StartAsync(data.Path))
        {
            var grid = (await master.NewGridAsync()).Name;
            await master.Client.WriteSecretAsync(grid, "canary", value);
            await master.Client.UpdateSecretAsync(grid, "canary", value + "-v2");
        }

        var needle = Encoding.UTF8.GetBytes(value);
        foreach (var file in Directory.GetFiles(data.Path).Where(f => f.Contains("satama.db", StringComparison.Ordinal)))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"{Path.GetFileName(file)} holds the secret in the clear");
        }
        Assert.True(File.Exists(Path.Combine(data.Path, "master.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data.Path, "master.key")));
    }

    [Fact]
    public async Task A_restarted_master_reads_its_secrets_and_a_wrong_key_is_a_clear_error_not_garbage()
    {
        using var data = new TempDirectory("satama-vault-");
        string grid;
        await using (var master = await TestMaster.StartAsync(data.Path))
        {
            grid = (await master.NewGridAsync()).Name;
            await master.Client.WriteSecretAsync(grid, "kept", "still-here");
        }
        await using (var again = await TestMaster.StartAsync(data.Path))
        {
            Assert.Equal("still-here", (await again.Client.ReadSecretAsync(grid, "kept")).Value);
        }

        await File.WriteAllTextAsync(Path.Combine(data.Path, "master.key"), Convert.ToBase64String(new byte[32]) + "\n");
        await using var wrongKey = await TestMaster.StartAsync(data.Path);
        var error = await Assert.ThrowsAsync<SatamaApiException>(() => wrongKey.Client.ReadSecretAsync(grid, "kept"));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Contains("cannot be decrypted", error.Message);
    }

    private async Task<string> RawGetAsync(string path)
    {
        using var http = Master.RawHttp();
        return await http.GetStringAsync(path);
    }
}
