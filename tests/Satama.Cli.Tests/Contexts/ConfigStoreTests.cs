using Satama.Cli.Contexts;
using Satama.Testing;

namespace Satama.Cli.Tests.Contexts;

public sealed class ConfigStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Round_trips_contexts_and_the_current_one()
    {
        var store = new ConfigStore(Path.Combine(_dir.Path, "a", "b", "config.yaml"));
        var config = new CliConfig { Current = "local" };
        config.Upsert(new CliContext { Name = "local", Url = "https://127.0.0.1:7443", Token = "t", CaFingerprint = "ab", Grid = "default" });
        config.Upsert(new CliContext { Name = "null", Url = "http://x:1" });

        store.Save(config);
        var loaded = store.Load();

        Assert.Equal("local", loaded.Current);
        Assert.Equal(["local", "null"], loaded.Contexts.Select(c => c.Name));
        Assert.Equal("t", loaded.CurrentContext!.Token);
        Assert.Null(loaded.Find("null")!.Token);
    }

    [Fact]
    public void Replaces_a_world_readable_file_with_a_0600_one_in_a_0700_directory()
    {
        var path = Path.Combine(_dir.Path, "cfg", "config.yaml");
        var store = new ConfigStore(path);
        store.Save(new CliConfig());
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        store.Save(new CliConfig { Current = "x" });

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void A_missing_file_is_an_empty_config()
    {
        Assert.Empty(new ConfigStore(Path.Combine(_dir.Path, "none.yaml")).Load().Contexts);
    }

    [Fact]
    public void A_broken_file_is_one_clear_error()
    {
        var path = Path.Combine(_dir.Path, "broken.yaml");
        File.WriteAllText(path, "contexts: [unclosed");

        var e = Assert.Throws<CliException>(() => new ConfigStore(path).Load());

        Assert.StartsWith($"cannot read {path}: ", e.Message, StringComparison.Ordinal);
    }
}
