using System.Text.RegularExpressions;
using Satama.Core.Model;
using Satama.Master.AgentLink;
using Satama.Master.Store;

namespace Satama.Master.Tests.AgentLink;

public sealed class SecretSpecHashTests
{
    private static readonly ServiceSpec s_app = new() { Grid = "g", Name = "app", Image = "busybox:latest" };
    private static readonly ServiceSecret s_env = new() { Secret = "pw", Type = SecretDeliveryType.Env, Target = "PW" };
    private static readonly ServiceSecret s_file = new() { Secret = "tls", Target = "/run/secrets/tls" };

    [Fact]
    public void Where_secrets_go_is_part_of_the_hash_in_any_order()
    {
        var with = s_app with { Secrets = [s_env, s_file] };

        Assert.NotEqual(SpecHash.Of(s_app), SpecHash.Of(with));
        Assert.Equal(SpecHash.Of(with), SpecHash.Of(s_app with { Secrets = [s_file, s_env] }));
        Assert.NotEqual(SpecHash.Of(with), SpecHash.Of(s_app with { Secrets = [s_env, s_file with { Mode = 0b100_100_100 }] }));
        Assert.NotEqual(SpecHash.Of(with), SpecHash.Of(s_app with { Secrets = [s_env with { Target = "PASSWORD" }, s_file] }));
    }

    [Fact]
    public void A_row_stored_before_secrets_existed_reads_without_them_and_hashes_as_before()
    {
        var json = StoreJson.Write(s_app);
        var before = Regex.Replace(json, ",\\s*\"secrets\":\\s*\\[\\]", "");

        var old = StoreJson.Read<ServiceSpec>(before);

        Assert.DoesNotContain("\"secrets\"", before, StringComparison.Ordinal);
        Assert.Empty(old.Secrets);
        Assert.Equal(SpecHash.Of(s_app), SpecHash.Of(old));
    }
}
