using System.Text.RegularExpressions;
using Satama.Core.Stacks;
using Satama.Core.Stacks.Model;

namespace Satama.Core.Tests.Stacks;

public sealed partial class KontenaParsingTests
{
    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex Uuid();

    [Fact]
    public void Stack_user_slash_name_gives_the_name_and_keeps_version_and_description()
    {
        var stack = CorpusFile.Stack("k-minimal.yml");

        Assert.Equal("wordpress", stack.Name);
        Assert.Equal("1.0.0", stack.Version);
        Assert.Equal("Wordpress with MariaDB", stack.Description);
        Assert.Equal(2, stack.Service("wordpress")!.Instances);
    }

    [Fact]
    public void Variables_resolve_in_order_from_env_generators_defaults_and_to_env()
    {
        var env = CorpusFile.Stack("k-variables.yml").Service("app")!.Environment;

        Assert.Equal("smtp.example.com", env["SMTP_HOST"]);
        Assert.Matches("^[A-Za-z0-9]{24}$", env["DB_PASSWORD"]);
        Assert.Matches("^[0-9a-f]{8}$", env["API_KEY"]);
        Assert.Matches(Uuid(), env["CLUSTER_ID"]);
        Assert.InRange(int.Parse(env["PORT"], System.Globalization.CultureInfo.InvariantCulture), 2000, 2999);
        Assert.Equal("4", env["WORKERS"]);
        Assert.Equal("2", env["REPLICAS_ENV"]);
        Assert.Equal("admin@example.com", env["ADMIN"]);
        Assert.Equal("default", env["GRID"]);
    }

    [Fact]
    public void Generated_values_come_only_from_the_injected_source()
    {
        var first = CorpusFile.Stack("k-variables.yml").Service("app")!.Environment["DB_PASSWORD"];
        var again = CorpusFile.Stack("k-variables.yml").Service("app")!.Environment["DB_PASSWORD"];
        var other = CorpusFile.Parse("k-variables.yml", o => o with { Random = new Random(1).Next }).Stack!.Service("app")!.Environment["DB_PASSWORD"];

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Without_a_random_source_a_generator_is_an_error_not_a_hidden_default()
    {
        var result = CorpusFile.Parse("k-variables.yml", o => o with { Random = null });

        Assert.Contains(result.Errors, e => e.Message == "variable `db_password` needs a generated value but no random source was given to the parser");
    }

    [Fact]
    public void Variables_given_with_var_win_over_the_from_chain()
    {
        var result = CorpusFile.Parse("k-variables.yml", o => o with { Variables = new Dictionary<string, string> { ["db_password"] = "given" } });

        Assert.Equal("given", result.Stack!.Service("app")!.Environment["DB_PASSWORD"]);
    }

    [Fact]
    public void Enum_boolean_uri_and_empty_is_nil_are_typed()
    {
        var env = CorpusFile.Stack("k-variables-enum-boolean.yml").Service("app")!.Environment;

        Assert.Equal("gold", env["TIER"]);
        Assert.Equal("1", env["DEBUG"]);
        Assert.Equal("false", env["TLS"]);
        Assert.Equal("https://api.example.com/v1", env["ENDPOINT"]);
        Assert.Equal("none", env["NOTE"]);
    }

    [Fact]
    public void Vault_references_are_left_unchecked_and_say_so()
    {
        var result = CorpusFile.Parse("k-vault.yml");

        Assert.True(result.Succeeded);
        Assert.Equal(5, result.Unchecked.Count());
        Assert.All(result.Unchecked, d => Assert.Contains("needs a master", d.Message, StringComparison.Ordinal));
        var db = result.Stack!.Service("db")!;
        Assert.Equal([new ServiceSecretRef("vaulted-db-password", "MYSQL_PASSWORD", "env", true), new ServiceSecretRef("tls-cert", "/etc/tls/cert.pem", "file", true)], db.Secrets);
    }

    [Fact]
    public void A_prompt_is_asked_only_on_a_terminal()
    {
        StackVariablePrompt? asked = null;

        var result = CorpusFile.Parse("k-prompt-interactive.yml", o => o with { Prompt = p => { asked = p; return "correct-horse"; } });

        Assert.Equal(new StackVariablePrompt("admin_password", "Admin password", null, [], false), asked! with { Options = [] });
        Assert.Equal("correct-horse", result.Stack!.Service("app")!.Environment["ADMIN_PASSWORD"]);
    }

    [Fact]
    public void The_environment_answers_before_the_prompt()
    {
        var asked = false;

        var result = CorpusFile.Parse("k-prompt-interactive.yml", o => o with
        {
            Environment = new Dictionary<string, string> { ["ADMIN_PASSWORD"] = "from-env-123" },
            Prompt = _ => { asked = true; return "x"; },
        });

        Assert.False(asked);
        Assert.Equal("from-env-123", result.Stack!.Service("app")!.Environment["ADMIN_PASSWORD"]);
    }

    [Fact]
    public void Only_if_and_skip_if_keep_or_drop_variables_and_services()
    {
        var stack = CorpusFile.Stack("k-only-if-skip-if.yml");

        Assert.Equal(["app", "cache", "prod-only"], stack.Services.Select(s => s.Name));
        Assert.Equal("64", stack.Service("app")!.Environment["CACHE_SIZE"]);
        Assert.Equal("none", stack.Service("app")!.Environment["DEBUG_PORT"]);
    }

    [Fact]
    public void Without_the_condition_the_other_branch_is_taken()
    {
        var stack = CorpusFile.Parse("k-only-if-skip-if.yml", o => o with { Variables = new Dictionary<string, string>() }).Stack!;

        Assert.Equal(["app"], stack.Services.Select(s => s.Name));
        Assert.Equal("9999", stack.Service("app")!.Environment["DEBUG_PORT"]);
    }

    [Fact]
    public void Affinity_deploy_health_check_and_hooks_are_read()
    {
        var placed = CorpusFile.Stack("k-affinity-deploy.yml");
        var hooked = CorpusFile.Stack("k-health-check-hooks.yml");

        Assert.Equal(["node==node-1", "label==az=a", "service!=db", "container!=web-1", "label!=slow"], placed.Service("web")!.Affinity);
        Assert.Equal(new DeploySpec { Strategy = "ha", MinHealth = 0.5, WaitForPort = 80, Interval = "1m" }, placed.Service("web")!.Deploy);
        Assert.True(placed.Service("db")!.Stateful);
        Assert.Equal(new HealthCheckSpec { Kind = "http", Port = 80, Path = "/health", Timeout = "2s", Interval = "30s", StartPeriod = "10s" }, hooked.Service("web")!.HealthCheck);
        Assert.Equal(new HealthCheckSpec { Kind = "tcp", Port = 6379 }, hooked.Service("tcp")!.HealthCheck);
        var hooks = hooked.Service("web")!.Hooks!;
        Assert.Equal([new HookSpec("migrate", "rails db:migrate", "1", true)], hooks.PreStart);
        Assert.Equal([new HookSpec("drain", "drain")], hooks.PreStop);
    }

    [Fact]
    public void Depends_parses_the_child_stack_with_its_variables()
    {
        var stack = CorpusFile.Stack("k-depends.yml");

        var dep = Assert.Single(stack.Dependencies);
        Assert.Equal("db", dep.Name);
        Assert.Equal("parent-db", dep.Stack!.Name);
        Assert.Equal("mysql", dep.Stack.Expose);
        Assert.Equal<ValueMap<string>>(new Dictionary<string, string> { ["SIZE"] = "10", ["NAME"] = "parent-db" }, dep.Stack.Service("mysql")!.Environment);
        Assert.Equal("db.parent-db", stack.Service("app")!.Environment["DB_HOST"]);
    }

    [Fact]
    public void A_depends_cycle_between_files_stops()
    {
        var files = new Dictionary<string, string>
        {
            ["a.yml"] = "stack: a\ndepends:\n  b:\n    stack: b.yml\nservices:\n  x:\n    image: x\n",
            ["b.yml"] = "stack: b\ndepends:\n  a:\n    stack: a.yml\nservices:\n  y:\n    image: y\n",
        };

        var result = StackFile.Parse(files["a.yml"], "a.yml", new StackParseOptions { ResolveFile = f => files.GetValueOrDefault(f) });

        Assert.Contains(result.Errors, e => e.Message.Contains("depends goes more than", StringComparison.Ordinal));
    }

    [Fact]
    public void Legacy_keys_log_driver_net_and_string_commands()
    {
        var app = CorpusFile.Stack("k-logging-net.yml").Service("app")!;

        Assert.Equal("gelf", app.Logging!.Driver);
        Assert.Equal("host", app.NetworkMode);
        Assert.Equal(1024, app.CpuShares);
        Assert.Equal("1g", app.MemLimit);
        Assert.Equal(["bundle", "exec", "puma", "-C", "config/puma.rb"], app.Command!);
    }

    [Fact]
    public void Value_shorthand_env_conditions_on_values_and_enum_option_mappings()
    {
        var result = CorpusFile.Parse("k-variables-more.yml");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal<ValueMap<string>>(new Dictionary<string, string>
        {
            ["REGION"] = "eu-north",
            ["ZONE"] = "eu-north-1",
            ["TLS"] = "yes",
            ["DB"] = "",
            ["TLS_PORT"] = "443",
            ["PLAIN_PORT"] = "unset",
            ["SIZE"] = "small",
        }, result.Stack!.Service("app")!.Environment);
        Assert.Equal(new SecretSpec(External: true, ExternalName: "shared-token"), result.Stack.Secrets["external_token"]);
    }

    [Fact]
    public void With_a_vault_references_are_resolved_and_checked()
    {
        var vault = new Dictionary<string, string> { ["api-token"] = "t0k3n" };

        var result = CorpusFile.Parse("k-vault.yml", o => o with { Vault = vault.GetValueOrDefault });

        Assert.Equal("t0k3n", result.Stack!.Service("db")!.Environment["TOKEN"]);
        Assert.Equal(
        [
            "k-vault.yml:21:9: services.db.secrets[1]: vault secret `tls-cert` does not exist in grid `default`",
        ], result.Diagnostics.Select(d => d.ToString()));
        var write = Assert.Single(result.VaultWrites);
        Assert.Equal("vaulted-db-password", write.Key);
        Assert.Matches("^[A-Za-z0-9]{16}$", write.Value);
    }
}
