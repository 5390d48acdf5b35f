using Satama.Master.Auth;
using Satama.Master.Store;
using Satama.Master.Tests.Infrastructure;
using Satama.Testing;

namespace Satama.Master.Tests.Auth;

/// <summary>Changes of users and tokens are one unit of work each, and a token never outlives its user, even across a crash.</summary>
public sealed class IdentityConsistencyTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("satama-identity-");
    private SqliteStore _store = null!;
    private Identity _identity = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(Path.Combine(_dir.Path, "satama.db"), TimeProvider.System);
        _identity = new Identity(_store, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_user_removal_interrupted_after_its_first_write_leaves_no_token_that_works_for_a_new_user_of_the_name()
    {
        var first = (await _identity.CreateUserAsync("ann", "token", null, default))!;
        var second = (await _identity.IssueTokenAsync("ann", "ci", null, null, default))!;
        var crashing = new Identity(new FailingStore(_store, failAtWrite: 2), TimeProvider.System);

        try
        {
            await crashing.DeleteUserAsync("ann", default);
        }
        catch (StoreCrashedException)
        {
            // The master died here.
        }
        var userLeft = await _store.GetAsync(IdentityKinds.User, "", "ann") is not null;
        var tokensLeft = (await _store.ListAsync(IdentityKinds.Token, "")).Count;
        await _identity.DeleteUserAsync("ann", default);
        var again = (await _identity.CreateUserAsync("ann", "token", null, default))!;

        Assert.Equal(userLeft ? 2 : 0, tokensLeft);
        Assert.Equal("invalid bearer token", (await _identity.AuthenticateAsync(first.Value, default)).Error);
        Assert.Equal("invalid bearer token", (await _identity.AuthenticateAsync(second.Value, default)).Error);
        Assert.Equal("ann", (await _identity.AuthenticateAsync(again.Value, default)).Caller!.User);
        Assert.Equal([again.Id], (await _identity.ListTokensAsync("ann", default)).Select(t => t.Id));
    }

    [Fact]
    public async Task Tokens_left_by_a_removed_user_do_not_work_for_a_new_user_of_the_same_name_and_go_when_it_is_created()
    {
        var old = (await _identity.CreateUserAsync("bob", "token", null, default))!;
        // As an older master that died between removing the user and removing its tokens left it.
        var row = (await _store.GetAsync(IdentityKinds.User, "", "bob"))!;
        Assert.True(await _store.DeleteAsync(IdentityKinds.User, "", "bob", row.Revision));

        var created = (await _identity.CreateUserAsync("bob", "token", null, default))!;

        Assert.Equal("invalid bearer token", (await _identity.AuthenticateAsync(old.Value, default)).Error);
        Assert.Null(await _store.GetAsync(IdentityKinds.Token, "", old.Hash));
        Assert.Equal([created.Id], (await _identity.ListTokensAsync("bob", default)).Select(t => t.Id));
        Assert.NotNull((await _identity.AuthenticateAsync(created.Value, default)).Caller);
    }

    [Fact]
    public async Task A_token_issued_to_a_user_removed_meanwhile_works_for_no_later_user_of_the_name()
    {
        await _identity.CreateUserAsync("cy", "token", null, default);
        var before = (await _identity.FindUserAsync("cy", default))!;
        var stray = new TokenDocument("cy", "stray", null, null, before.Id);
        await _identity.DeleteUserAsync("cy", default);
        await _identity.CreateUserAsync("cy", "token", null, default);
        await _store.CreateAsync(IdentityKinds.Token, "", TokenHash.Of("stray-value"), StoreJson.Write(stray), "{}");

        Assert.Equal("invalid bearer token", (await _identity.AuthenticateAsync("stray-value", default)).Error);
        Assert.DoesNotContain((await _identity.ListTokensAsync("cy", default)), t => t.Token.Name == "stray");
    }

    [Fact]
    public async Task The_first_admin_and_its_token_are_created_together_or_not_at_all()
    {
        var crashing = new Identity(new FailingStore(_store, failAtWrite: 2), TimeProvider.System);

        try
        {
            await crashing.EnsureFirstAdminAsync(TokenHash.Of("admin-token-value"), default);
        }
        catch (StoreCrashedException)
        {
            // The master died here.
        }
        await _identity.EnsureFirstAdminAsync(TokenHash.Of("admin-token-value"), default);

        Assert.Equal(Identity.FirstAdmin, (await _identity.AuthenticateAsync("admin-token-value", default)).Caller!.User);
    }
}
