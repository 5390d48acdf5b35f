using Satama.Master.Store;

namespace Satama.Master.Tests.Store;

/// <summary>The unit of work: one transaction over a set of writes, all or nothing, one change-feed step.</summary>
public sealed partial class SqliteStoreTests
{
    [Fact]
    public async Task A_unit_of_work_writes_every_row_at_one_revision_and_advances_the_change_feed_once()
    {
        var old = (await _store.CreateAsync("token", "", "t1", "{}", "{}"))!;
        var user = (await _store.CreateAsync("user", "", "ann", "{\"roles\":[]}", "{}"))!;
        var start = _store.Changes.Sequence;

        var commit = await _store.CommitAsync(new UnitOfWork()
            .Delete(old)
            .Update("user", "", "ann", user.Revision, "{\"roles\":[1]}", null)
            .Create("token", "", "t2", "{}", "{}"));

        Assert.True(commit.Committed);
        Assert.Equal(start + 1, _store.Changes.Sequence);
        Assert.Null(await _store.GetAsync("token", "", "t1"));
        Assert.Equal(start + 1, (await _store.GetAsync("user", "", "ann"))!.Revision);
        Assert.Equal((await _store.GetAsync("token", "", "t2"))!, commit.Rows[2]);
        Assert.Null(commit.Rows[0]);
        Assert.Equal("{\"roles\":[1]}", commit.Rows[1]!.Spec);
    }

    [Fact]
    public async Task A_write_that_fails_in_the_middle_of_a_unit_leaves_nothing_written()
    {
        var gone = (await _store.CreateAsync("token", "", "t1", "{}", "{}"))!;
        var user = (await _store.CreateAsync("user", "", "ann", "before", "{}"))!;
        await _store.UpdateAsync("user", "", "ann", user.Revision, "moved", null);
        var start = _store.Changes.Sequence;
        var waiting = _store.Changes.WaitAsync(start, CancellationToken.None);

        var commit = await _store.CommitAsync(new UnitOfWork()
            .Delete(gone)
            .Create("token", "", "t2", "{}", "{}")
            .Update("user", "", "ann", user.Revision, "lost", null)
            .Create("token", "", "t3", "{}", "{}"));

        Assert.False(commit.Committed);
        Assert.Equal(StoreWriteOp.Update, commit.Conflict!.Op);
        Assert.Contains("user 'ann' is gone or no longer at revision", commit.Conflict.Refusal);
        Assert.NotNull(await _store.GetAsync("token", "", "t1"));
        Assert.Null(await _store.GetAsync("token", "", "t2"));
        Assert.Null(await _store.GetAsync("token", "", "t3"));
        Assert.Equal("moved", (await _store.GetAsync("user", "", "ann"))!.Spec);
        Assert.Equal(start, _store.Changes.Sequence);
        Assert.False(waiting.IsCompleted);
    }

    [Fact]
    public async Task A_create_of_an_existing_key_or_a_require_of_a_moved_row_fails_the_whole_unit()
    {
        var grid = (await _store.CreateAsync("grid", "", "prod", "s", "{}"))!;
        var node = (await _store.CreateAsync("node", "prod", "n1", "s", "{}"))!;
        await _store.UpdateAsync("grid", "", "prod", grid.Revision, "rotated", null);

        var required = await _store.CommitAsync(new UnitOfWork().Delete(node).Require(grid));
        var duplicate = await _store.CommitAsync(new UnitOfWork().Delete(node).Create("grid", "", "prod", "again", "{}"));

        Assert.Equal(StoreWriteOp.Require, required.Conflict!.Op);
        Assert.Equal("grid 'prod' already exists", duplicate.Conflict!.Refusal);
        Assert.NotNull(await _store.GetAsync("node", "prod", "n1"));
        Assert.Equal("rotated", (await _store.GetAsync("grid", "", "prod"))!.Spec);
    }

    [Fact]
    public async Task Each_write_of_a_unit_sees_the_ones_before_it()
    {
        var row = (await _store.CreateAsync("token", "", "t1", "old", "{}"))!;

        var commit = await _store.CommitAsync(new UnitOfWork().Delete(row).Create("token", "", "t1", "new", "{}"));

        Assert.True(commit.Committed);
        Assert.Equal("new", (await _store.GetAsync("token", "", "t1"))!.Spec);
    }

    [Fact]
    public async Task An_empty_unit_of_work_commits_and_changes_nothing()
    {
        var start = _store.Changes.Sequence;

        var commit = await _store.CommitAsync(new UnitOfWork());

        Assert.True(commit.Committed);
        Assert.Equal(start, _store.Changes.Sequence);
    }
}
