using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Satama.Core.Security;
using Satama.Master.Tests.Infrastructure;

namespace Satama.Master.Tests.Hosting;

public sealed class TlsTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    [Fact]
    public async Task The_server_presents_its_own_certificate_and_the_CA_in_the_chain()
    {
        var url = fixture.Master.Server.Url;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port);
        X509Certificate2? leaf = null;
        var presented = new List<X509Certificate2>();
        await using var tls = new SslStream(tcp.GetStream(), false, (_, cert, chain, _) =>
        {
            leaf = new X509Certificate2(cert!);
            presented.AddRange(chain!.ChainElements.Select(e => new X509Certificate2(e.Certificate)));
            return true;
        });

        await tls.AuthenticateAsClientAsync("localhost");

        Assert.NotEqual(fixture.Master.Server.CaFingerprint, CaPin.Fingerprint(leaf!));
        Assert.Contains(presented, c => CaPin.Fingerprint(c) == fixture.Master.Server.CaFingerprint);
        Assert.Contains("localhost", leaf!.GetNameInfo(X509NameType.DnsName, false) + string.Join(",", leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames())));
        Assert.True(leaf.NotAfter < DateTime.UtcNow.AddDays(731));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_CA_files_are_in_the_data_dir_and_the_key_is_private()
    {
        var dir = fixture.Master.DataDir;
        using var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(dir, "ca.crt")));

        Assert.Equal(fixture.Master.Server.CaFingerprint, CaPin.Fingerprint(ca));
        Assert.True(ca.NotAfter > DateTime.UtcNow.AddYears(9));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "ca.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "server.pfx")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "satama.db")));
    }
}
