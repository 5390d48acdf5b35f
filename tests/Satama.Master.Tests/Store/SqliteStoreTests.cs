using Satama.Master.Store;
using Satama.Testing;

namespace Satama.Master.Tests.Store;

public sealed partial class SqliteStoreTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("satama-store-");
    private SqliteStore _store = null!;

    private string DbPath => Path.Combine(_dir.Path, "satama.db");

    public async Task InitializeAsync() => _store = await SqliteStore.OpenAsync(DbPath, TimeProvider.System);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_created_row_reads_back_with_its_documents()
    {
        var created = await _store.CreateAsync("service", "g", "null/web", "{\"a\":1}", "{}");

        var read = await _store.GetAsync("service", "g", "null/web");

        Assert.Equal(created, read);
        Assert.Equal("{\"a\":1}", read!.Spec);
    }

    [Fact]
    public async Task Creating_an_existing_key_returns_null_and_keeps_the_first_row()
    {
        await _store.CreateAsync("grid", "", "prod", "first", "{}");

        var second = await _store.CreateAsync("grid", "", "prod", "second", "{}");

        Assert.Null(second);
        Assert.Equal("first", (await _store.GetAsync("grid", "", "prod"))!.Spec);
    }

    [Fact]
    public async Task An_update_at_a_stale_revision_is_refused()
    {
        var row = (await _store.CreateAsync("node", "g", "n1", "s", "{}"))!;
        var moved = (await _store.UpdateAsync("node", "g", "n1", row.Revision, null, "{\"online\":true}"))!;

        var stale = await _store.UpdateAsync("node", "g", "n1", row.Revision, "lost", null);

        Assert.Null(stale);
        Assert.True(moved.Revision > row.Revision);
        Assert.Equal("s", moved.Spec);
        Assert.Equal("{\"online\":true}", (await _store.GetAsync("node", "g", "n1"))!.Status);
    }

    [Fact]
    public async Task A_delete_at_a_stale_revision_is_refused()
    {
        var row = (await _store.CreateAsync("node", "g", "n1", "s", "{}"))!;
        await _store.UpdateAsync("node", "g", "n1", row.Revision, "s2", null);

        Assert.False(await _store.DeleteAsync("node", "g", "n1", row.Revision));
        Assert.NotNull(await _store.GetAsync("node", "g", "n1"));
    }

    [Fact]
    public async Task Listing_filters_by_kind_and_grid()
    {
        await _store.CreateAsync("node", "a", "n1", "s", "{}");
        await _store.CreateAsync("node", "b", "n2", "s", "{}");
        await _store.CreateAsync("service", "a", "null/web", "s", "{}");

        Assert.Equal(["n1"], (await _store.ListAsync("node", "a")).Select(r => r.Name));
        Assert.Equal(["n1", "n2"], (await _store.ListAsync("node", null)).Select(r => r.Name));
    }

    [Fact]
    public async Task Writes_advance_the_change_sequence_and_failed_writes_do_not()
    {
        var start = _store.Changes.Sequence;
        var waiting = _store.Changes.WaitAsync(start, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        await _store.CreateAsync("grid", "", "x", "s", "{}");
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        var afterCreate = _store.Changes.Sequence;
        await _store.CreateAsync("grid", "", "x", "s", "{}");

        Assert.Equal(start + 1, afterCreate);
        Assert.Equal(afterCreate, _store.Changes.Sequence);
    }

    [Fact]
    public async Task The_sequence_and_rows_survive_reopening()
    {
        await _store.CreateAsync("grid", "", "x", "s", "{}");
        var sequence = _store.Changes.Sequence;
        await _store.DisposeAsync();

        _store = await SqliteStore.OpenAsync(DbPath, TimeProvider.System);

        Assert.Equal(sequence, _store.Changes.Sequence);
        Assert.NotNull(await _store.GetAsync("grid", "", "x"));
    }

    [Fact]
    public async Task Tokens_are_found_by_hash_only()
    {
        await _store.AddTokenAsync("abc", "master_admin");

        Assert.Equal("master_admin", await _store.FindTokenAsync("abc"));
        Assert.Null(await _store.FindTokenAsync("abd"));
    }
}
