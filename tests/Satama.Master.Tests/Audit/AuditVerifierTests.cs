using Satama.Master.Audit;

namespace Satama.Master.Tests.Audit;

public sealed class AuditVerifierTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    // The expected hash was computed outside .NET: sha256("0"*64 + canonical) in Python.
    [Fact]
    public void The_canonical_form_and_hash_are_stable_across_releases()
    {
        var canonical = AuditChain.Canonical(1, s_t0, "admin", "grid.create", "prod", "prod", "127.0.0.1", "success", 201);

        Assert.Equal("[1,1769860800000,\"admin\",\"grid.create\",\"prod\",\"prod\",\"127.0.0.1\",\"success\",201]", canonical);
        Assert.Equal(AuditChain.Hash(AuditChain.Genesis, canonical), Chain(1)[0].Hash);
        Assert.Equal("f7d625423740f3bb061524ba67d2204a17c41221e1d5e6f75206358f7098645f", AuditChain.Hash(AuditChain.Genesis, canonical));
    }

    [Fact]
    public void Strings_that_would_run_together_hash_differently()
    {
        var a = AuditChain.Canonical(1, s_t0, "ad", "min", "r", "g", "s", "success", 200);
        var b = AuditChain.Canonical(1, s_t0, "a", "dmin", "r", "g", "s", "success", 200);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void An_intact_chain_and_an_empty_one_verify()
    {
        var chain = Chain(5);

        Assert.Equal(new AuditVerification(true, 5, null, null), AuditVerifier.Verify(chain, (5, chain[^1].Hash)));
        Assert.Equal(new AuditVerification(true, 0, null, null), AuditVerifier.Verify([], null));
    }

    [Fact]
    public void A_changed_field_is_found_at_its_event()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Status = 500 };

        var result = AuditVerifier.Verify(chain, (5, chain[^1].Hash));

        Assert.Equal((false, 2L, 3L), (result.Ok, result.Checked, result.FirstBadId));
    }

    [Fact]
    public void A_gap_in_the_middle_names_the_missing_events()
    {
        var chain = Chain(6);
        chain.RemoveRange(2, 2);

        var result = AuditVerifier.Verify(chain, (6, chain[^1].Hash));

        Assert.Equal(3, result.FirstBadId);
        Assert.Equal("events 3 to 4 are missing (deleted)", result.Reason);
    }

    [Fact]
    public void Missing_newest_events_and_a_missing_head_are_found()
    {
        var chain = Chain(4);
        var head = (4L, chain[^1].Hash);

        var truncated = AuditVerifier.Verify(chain[..3], head);
        var headless = AuditVerifier.Verify(chain, null);

        Assert.Equal((false, 4L), (truncated.Ok, truncated.FirstBadId!.Value));
        Assert.False(headless.Ok);
    }

    private static List<AuditEvent> Chain(int count)
    {
        var events = new List<AuditEvent>();
        var previous = AuditChain.Genesis;
        for (var id = 1; id <= count; id++)
        {
            var time = s_t0.AddSeconds(id - 1);
            var hash = AuditChain.Hash(previous, AuditChain.Canonical(id, time, "admin", "grid.create", "prod", "prod", "127.0.0.1", "success", 201));
            events.Add(new AuditEvent(id, time, "admin", "grid.create", "prod", "prod", "127.0.0.1", "success", 201, previous, hash));
            previous = hash;
        }
        return events;
    }
}
