using Satama.Agent.MasterLink;
using Satama.Testing;

namespace Satama.Agent.Tests.MasterLink;

/// <summary>The agent keeps the node credential of its first Welcome (mode 0600) and presents it instead of the grid token.</summary>
public sealed class NodeCredentialTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly LinkHarness _h = new(output);

    public async Task InitializeAsync() => await _h.StartMasterAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_credential_from_the_welcome_is_saved_privately_and_presented_on_reconnect()
    {
        _h.Master.IssueCredential = "credential-from-the-master";
        await _h.StartAgentAsync();
        var first = await _h.Master.NextSessionAsync();
        var path = Path.Combine(_h.DataDir, NodeCredentialFile.FileName);
        await Eventually.UntilAsync(() => Task.FromResult(File.Exists(path)), "the credential file");

        first.Drop();
        var second = await _h.Master.NextSessionAsync();

        Assert.NotEmpty(first.Hello!.GridToken);
        Assert.Empty(first.Hello.NodeCredential);
        Assert.Equal("credential-from-the-master", (await File.ReadAllTextAsync(path)).Trim());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal("credential-from-the-master", second.Hello!.NodeCredential);
        Assert.Empty(second.Hello.GridToken);
    }

    [Fact]
    public void A_missing_file_means_no_credential_and_saving_replaces_it()
    {
        using var dir = new TempDirectory("satama-agent-cred-");
        var file = new NodeCredentialFile(dir.Path);

        Assert.Equal("", file.Read());
        file.Save("one");
        file.Save("two");
        Assert.Equal("two", file.Read());
    }
}
