using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Satama.Agent.MasterLink;
using Satama.Testing;

namespace Satama.Agent.Tests.MasterLink;

public sealed class CaTrustUnitTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TestCertificates _master = new();
    private readonly TestCertificates _impostor = new();

    public void Dispose()
    {
        _dir.Dispose();
        _master.Dispose();
        _impostor.Dispose();
    }

    [Fact]
    public void A_master_whose_chain_holds_the_pinned_CA_is_trusted()
    {
        var trust = new CaTrust(_master.CaFingerprint, _dir.Path, NullLogger<CaTrust>.Instance);

        Assert.True(Check(trust, _master));
        Assert.False(Check(trust, _impostor));
    }

    [Fact]
    public void A_pin_is_accepted_in_upper_case_with_colons_and_a_prefix()
    {
        var pretty = "SHA256:" + string.Join(':', _master.CaFingerprint.ToUpperInvariant().Chunk(2).Select(c => new string(c)));

        var trust = new CaTrust(pretty, _dir.Path, NullLogger<CaTrust>.Instance);

        Assert.True(Check(trust, _master));
    }

    [Fact]
    public void Without_a_pin_the_first_CA_is_recorded_and_then_required()
    {
        var first = new CaTrust(null, _dir.Path, NullLogger<CaTrust>.Instance);

        Assert.True(Check(first, _master));
        Assert.Equal(_master.CaFingerprint, first.Fingerprint);
        var later = new CaTrust(null, _dir.Path, NullLogger<CaTrust>.Instance);
        Assert.Equal(_master.CaFingerprint, later.Fingerprint);
        Assert.False(Check(later, _impostor));
        Assert.True(Check(later, _master));
    }

    [Fact]
    public void A_master_serving_its_CA_as_its_own_certificate_is_trusted_by_pin_and_on_first_use()
    {
        var pinned = new CaTrust(_master.CaFingerprint, _dir.Path, NullLogger<CaTrust>.Instance);
        using var onlyTheCa = X509CertificateLoader.LoadCertificate(_master.Ca.RawData);
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.Build(onlyTheCa);

        Assert.True(pinned.Validate(this, onlyTheCa, chain, SslPolicyErrors.RemoteCertificateChainErrors));
        using var other = new TempDirectory();
        var firstUse = new CaTrust(null, other.Path, NullLogger<CaTrust>.Instance);
        Assert.True(firstUse.Validate(this, onlyTheCa, chain, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Equal(_master.CaFingerprint, firstUse.Fingerprint);
    }

    [Fact]
    public void No_certificate_is_never_trusted()
    {
        var trust = new CaTrust(_master.CaFingerprint, _dir.Path, NullLogger<CaTrust>.Instance);

        Assert.False(trust.Validate(this, null, null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    /// <summary>What SslStream hands the callback: the leaf, and a chain built with what the server sent.</summary>
    private static bool Check(CaTrust trust, TestCertificates server)
    {
        using var leaf = X509CertificateLoader.LoadCertificate(server.Server.RawData);
        using var chain = new X509Chain();
        chain.ChainPolicy.ExtraStore.Add(server.Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.Build(leaf);
        return trust.Validate(trust, leaf, chain, SslPolicyErrors.RemoteCertificateChainErrors);
    }
}
