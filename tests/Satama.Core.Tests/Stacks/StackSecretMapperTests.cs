using Satama.Core.Model;
using Satama.Core.Stacks;

namespace Satama.Core.Tests.Stacks;

public sealed class StackSecretMapperTests
{
    [Fact]
    public void Kontena_vault_secrets_map_to_env_and_files_under_run_secrets()
    {
        var spec = Single("k-vault-secrets.yml");

        Assert.Equal(
        [
            new ServiceSecret { Secret = "DB_PASSWORD", Type = SecretDeliveryType.Env, Target = "DB_PASSWORD" },
            new ServiceSecret { Secret = "tls-cert", Target = "/run/secrets/tls.pem", Mode = 0b100_100_000, Uid = 101, Gid = 101 },
            new ServiceSecret { Secret = "api-token", Target = "/etc/app/token" },
        ], spec.Secrets);
        Assert.Empty(ServiceValidator.Validate(spec));
    }

    [Fact]
    public void Compose_external_secrets_are_vault_files_named_by_their_name_or_key()
    {
        var spec = Single("c-secrets-external.yml");

        Assert.Equal(
        [
            new ServiceSecret { Secret = "db_password", Target = "/run/secrets/db_password" },
            new ServiceSecret { Secret = "prod-tls", Target = "/etc/nginx/tls.pem", Uid = 101 },
        ], spec.Secrets);
    }

    [Fact]
    public void Compose_secrets_from_a_file_or_the_environment_are_noted_as_not_enforced()
    {
        var stack = CorpusFile.Stack("c-secrets-configs.yml");

        var mapping = Assert.Single(StackServiceMapper.ToServiceSpecs(stack, "default"));

        Assert.Empty(mapping.Spec.Secrets);
        Assert.Contains(mapping.NotEnforced, n => n.StartsWith("secrets: `db_password` is not `external: true`", StringComparison.Ordinal));
    }

    [Fact]
    public void Validator_rejects_bad_targets_duplicates_and_env_that_shadows_the_environment()
    {
        var spec = new ServiceSpec
        {
            Grid = "g",
            Name = "web",
            Image = "busybox",
            Env = new Dictionary<string, string> { ["TOKEN"] = "x" },
            Secrets =
            [
                new ServiceSecret { Secret = "a", Type = SecretDeliveryType.Env, Target = "TOKEN" },
                new ServiceSecret { Secret = "b", Type = SecretDeliveryType.Env, Target = "1BAD" },
                new ServiceSecret { Secret = "c", Target = "/run/secrets/../etc/passwd" },
                new ServiceSecret { Secret = "d", Target = "/run/secrets/x" },
                new ServiceSecret { Secret = "e", Target = "/run/secrets/x" },
                new ServiceSecret { Secret = "../f", Target = "/f" },
            ],
        };

        var errors = ServiceValidator.Validate(spec);

        Assert.Equal(
        [
            "secret 'a': environment variable 'TOKEN' is also set in the service's environment",
            "secret 'b': '1BAD' is not an environment variable name (letters, digits and '_', not starting with a digit)",
            "secret 'c': file target '/run/secrets/../etc/passwd' must not hold empty, '.' or '..' segments",
            "secret name '../f' is invalid: use letters, digits, '_', '.' and '-', starting with a letter or digit",
            "file '/run/secrets/x' gets more than one secret: d, e",
        ], errors);
    }

    [Theory]
    [InlineData("0400", 0b100_000_000)]
    [InlineData("0o440", 0b100_100_000)]
    [InlineData("444", 0b100_100_100)]
    [InlineData("0777", 0b111_111_111)]
    public void Modes_are_octal(string text, int mode) => Assert.Equal(mode, ServiceSecret.ParseMode(text));

    [Theory]
    [InlineData("")]
    [InlineData("0999")]
    [InlineData("01000")]
    [InlineData("rw")]
    [InlineData("-1")]
    public void Bad_modes_are_null(string text) => Assert.Null(ServiceSecret.ParseMode(text));

    [Fact]
    public void A_secret_describes_itself_without_a_value()
    {
        Assert.Equal("tls (file /run/secrets/tls, 0400)", new ServiceSecret { Secret = "tls", Target = "/run/secrets/tls" }.ToString());
        Assert.Equal("PW (env DB_PASSWORD)", new ServiceSecret { Secret = "PW", Type = SecretDeliveryType.Env, Target = "DB_PASSWORD" }.ToString());
    }

    private static ServiceSpec Single(string corpusFile)
    {
        var result = StackFile.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Stacks", "Corpus", corpusFile)), corpusFile,
            CorpusTests.Options(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Stacks", "Corpus", corpusFile))));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return Assert.Single(StackServiceMapper.ToServiceSpecs(result.Stack!, "default")).Spec;
    }
}
