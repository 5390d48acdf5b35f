using System.Net;
using Microsoft.Extensions.Logging;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;
using Satama.Testing;
using Body = Satama.Protocol.MasterMessage.BodyOneofCase;

namespace Satama.Master.Tests.Vault;

/// <summary>Vault secrets on their way to containers: resolved into the desired set only, checked at create and install, in-use guarded.</summary>
public sealed class SecretDeliveryTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private TestMaster Master => fixture.Master;

    private static ServiceCreateRequest App(string name, params ServiceSecretDto[] secrets) =>
        new(name, "busybox", 1, Env: new Dictionary<string, string> { ["MODE"] = "prod" }, Secrets: secrets);

    [Fact]
    public async Task The_desired_set_carries_values_outside_env_and_a_secret_update_redeploys_its_users()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await Online(grid, "node-1");
        await Master.Client.WriteSecretAsync(grid.Name, "DB_PASSWORD", "pw-one");
        await Master.Client.WriteSecretAsync(grid.Name, "tls", "cert-one");
        await Master.Client.WriteSecretAsync(grid.Name, "unused", "x");

        var created = await Master.Client.CreateServiceAsync(grid.Name, App("app", new ServiceSecretDto("DB_PASSWORD", "env"), new ServiceSecretDto("tls", Mode: "0440")));
        var first = Assert.Single((await agent.NextAsync(m => m.Desired?.Containers.Count == 1, "app on node-1")).Desired.Containers);
        var updated = await Master.Client.UpdateSecretAsync(grid.Name, "DB_PASSWORD", "pw-two");
        // The rolling deploy starts the next revision beside the running one (start-first).
        var second = (await agent.NextAsync(m => m.Desired?.Containers.Any(c => c.Revision == first.Revision + 1) == true, "app at the next revision"))
            .Desired.Containers.Single(c => c.Revision == first.Revision + 1);
        await Master.Client.UpdateSecretAsync(grid.Name, "unused", "y");
        var after = await Master.Client.GetServiceAsync(grid.Name, "null", "app");

        Assert.Equal(["MODE"], first.Env.Keys);
        Assert.Equal(
            [("DB_PASSWORD", "env", "DB_PASSWORD", "pw-one", 0u, ""), ("tls", "file", "/run/secrets/tls", "cert-one", 0b100_100_000u, "")],
            first.Secrets.Select(s => (s.Secret, s.Type, s.Target, s.Value.ToStringUtf8(), s.Type == "file" ? s.Mode : 0u, s.Missing)));
        Assert.Equal("pw-two", second.Secrets.Single(s => s.Secret == "DB_PASSWORD").Value.ToStringUtf8());
        Assert.NotEqual(first.SpecHash, second.SpecHash);
        Assert.Equal(["null/app"], updated.UsedBy);
        Assert.Equal(created.Revision + 1, after.Revision);
        Assert.Equal([new ServiceSecretDto("DB_PASSWORD", "env", "DB_PASSWORD"), new ServiceSecretDto("tls", "file", "/run/secrets/tls", "0440")], after.Secrets);
    }

    [Fact]
    public async Task A_service_that_names_a_missing_secret_is_refused_naming_what_exists_and_not_created()
    {
        var grid = (await Master.NewGridAsync()).Name;
        await Master.Client.WriteSecretAsync(grid, "db-password", "v");

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.CreateServiceAsync(grid, App("app", new ServiceSecretDto("db-pasword", "env", "PW"))));
        var badTarget = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.CreateServiceAsync(grid, App("app", new ServiceSecretDto("db-password", "env", "MODE"))));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("vault secret 'db-pasword', which does not exist in grid", error.Message);
        Assert.Contains("secrets: db-password", error.Message);
        Assert.Equal(HttpStatusCode.BadRequest, badTarget.Status);
        Assert.Contains("environment variable 'MODE' is also set", badTarget.Message);
        Assert.Empty(await Master.Client.ListServicesAsync(grid));
    }

    [Fact]
    public async Task A_stack_that_names_a_missing_secret_fails_with_its_position_and_changes_nothing()
    {
        var grid = (await Master.NewGridAsync()).Name;
        await Master.Client.WriteSecretAsync(grid, "db_password", "v");
        const string Kontena = """
            stack: acme/shop
            services:
              app:
                image: busybox
                secrets:
                  - secret: db-pasword
                    name: PW
                    type: env
            """;
        const string Compose = """
            services:
              web:
                image: busybox
                secrets: [tls]
            secrets:
              tls:
                external: true
            """;

        var kontena = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.InstallStackAsync(grid, new StackFileRequest("kontena.yml", Kontena)));
        var compose = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.InstallStackAsync(grid, new StackFileRequest("compose.yml", Compose, Name: "web")));

        Assert.Equal(HttpStatusCode.BadRequest, kontena.Status);
        Assert.Contains("kontena.yml:6:9", kontena.Message);
        Assert.Contains("vault secret `db-pasword` does not exist", kontena.Message);
        Assert.Contains("secrets: db_password", kontena.Message);
        Assert.Contains("compose.yml:7:5", compose.Message);
        Assert.Empty(await Master.Client.ListStacksAsync(grid));
        Assert.Empty(await Master.Client.ListServicesAsync(grid));
    }

    [Fact]
    public async Task A_stack_upgrade_to_a_missing_secret_fails_and_keeps_the_running_revision()
    {
        var grid = (await Master.NewGridAsync()).Name;
        await Master.Client.WriteSecretAsync(grid, "tls", "v");
        const string Stack = """
            services:
              web:
                image: busybox
                secrets: [SECRET]
            secrets:
              SECRET:
                external: true
            """;
        await Master.Client.InstallStackAsync(grid, new StackFileRequest("s.yml", Stack.Replace("SECRET", "tls", StringComparison.Ordinal), Name: "shop"));

        var error = await Assert.ThrowsAsync<SatamaApiException>(() =>
            Master.Client.UpgradeStackAsync(grid, "shop", new StackFileRequest("s.yml", Stack.Replace("SECRET", "tls2", StringComparison.Ordinal))));
        var web = await Master.Client.GetServiceAsync(grid, "shop", "web");

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("vault secret `tls2` does not exist", error.Message);
        Assert.Equal([new ServiceSecretDto("tls", "file", "/run/secrets/tls", "0400")], web.Secrets);
        Assert.Equal(1, web.Revision);
    }

    [Fact]
    public async Task Kontena_variables_read_the_vault_and_write_what_it_lacks_before_the_services_use_it()
    {
        var grid = (await Master.NewGridAsync()).Name;
        await Master.Client.WriteSecretAsync(grid, "api-token", "tok-123");
        const string Stack = """
            stack: acme/vaulted
            variables:
              db_password:
                type: string
                from:
                  vault: ${STACK}-db-password
                  random_string: 16
                to:
                  vault: ${STACK}-db-password
              api_token:
                type: string
                from:
                  vault: api-token
            services:
              db:
                image: busybox
                secrets:
                  - secret: ${STACK}-db-password
                    name: DB_PASSWORD
                    type: env
                environment:
                  API_TOKEN: ${api_token}
            """;

        await Master.Client.InstallStackAsync(grid, new StackFileRequest("kontena.yml", Stack));
        var written = await Master.Client.ReadSecretAsync(grid, "vaulted-db-password");
        await Master.Client.UpgradeStackAsync(grid, "vaulted", new StackFileRequest("kontena.yml", Stack));
        var db = await Master.Client.GetServiceAsync(grid, "vaulted", "db");

        Assert.Equal(16, written.Value.Length);
        Assert.Equal(1, (await Master.Client.ReadSecretAsync(grid, "vaulted-db-password")).Version);
        Assert.Equal("tok-123", db.Env["API_TOKEN"]);
        Assert.Equal([new ServiceSecretDto("vaulted-db-password", "env", "DB_PASSWORD")], db.Secrets);
    }

    [Fact]
    public async Task Removing_a_secret_in_use_is_refused_naming_the_services()
    {
        var grid = (await Master.NewGridAsync()).Name;
        await Master.Client.WriteSecretAsync(grid, "token", "v");
        await Master.Client.CreateServiceAsync(grid, App("api", new ServiceSecretDto("token", "env", "TOKEN")));
        await Master.Client.CreateServiceAsync(grid, App("worker", new ServiceSecretDto("token")));

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.DeleteSecretAsync(grid, "token"));
        var listed = Assert.Single(await Master.Client.ListSecretsAsync(grid));
        await Master.Client.DeleteServiceAsync(grid, "null", "api");
        await Master.Client.DeleteServiceAsync(grid, "null", "worker");
        await Master.Client.DeleteSecretAsync(grid, "token");

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Contains("secret 'token' is used by services null/api, null/worker", error.Message);
        Assert.Equal(["null/api", "null/worker"], listed.UsedBy);
        Assert.Empty(await Master.Client.ListSecretsAsync(grid));
    }

    [Fact]
    public async Task Values_never_reach_responses_logs_or_audit_rows()
    {
        using var data = new TempDirectory("satama-secret-logs-");
        var capture = new LogCapture();
        await using var server = await MasterServer.StartAsync(TestMaster.Options(data.Path) with { MinimumLogLevel = LogLevel.Trace, LogSinks = [capture] });
        using var client = new SatamaClient(server.Url, server.AdminToken, server.CaFingerprint);
        using var raw = new HttpClient(PinnedHttpHandler.Create(server.CaFingerprint)) { BaseAddress = server.Url };
        raw.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.AdminToken);
        var grid = await client.CreateGridAsync(new GridCreateRequest(UniqueNames.Next("g")));
        const string One = "canary-one-5f1c2e", Two = "canary-two-77ab90";
        await using var agent = await TestAgent.ConnectAsync(server, grid.Token, "node-1");
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await agent.NextAsync(Body.Welcome);

        await client.WriteSecretAsync(grid.Name, "pw", One);
        await client.CreateServiceAsync(grid.Name, App("app", new ServiceSecretDto("pw", "env", "PW"), new ServiceSecretDto("pw", "file", "pw")));
        await agent.NextAsync(m => m.Desired?.Containers.Count == 1, "app on node-1");
        await client.UpdateSecretAsync(grid.Name, "pw", Two);
        // A rollout may run the old and the new container side by side: any of them carrying the new value will do.
        await agent.NextAsync(m => m.Desired?.Containers.Any(c => c.Secrets.FirstOrDefault()?.Value.ToStringUtf8() == Two) == true, "the new value");
        await Assert.ThrowsAsync<SatamaApiException>(() => client.DeleteSecretAsync(grid.Name, "pw"));
        await Assert.ThrowsAsync<SatamaApiException>(() => client.CreateServiceAsync(grid.Name, App("app", new ServiceSecretDto("pw", "env", "PW"))));
        var responses = new List<string>
        {
            await raw.GetStringAsync($"v1/grids/{grid.Name}/services"),
            await raw.GetStringAsync($"v1/grids/{grid.Name}/stacks/null/services/app"),
            await raw.GetStringAsync($"v1/grids/{grid.Name}/containers"),
            await raw.GetStringAsync($"v1/grids/{grid.Name}/secrets"),
            await raw.GetStringAsync("v1/audit"),
        };

        Assert.NotEmpty(capture.Lines);
        Assert.Contains(capture.Lines, l => l.Contains("Updated secret pw", StringComparison.Ordinal));
        foreach (var text in responses.Concat(capture.Lines))
        {
            Assert.DoesNotContain(One, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Two, text, StringComparison.Ordinal);
        }
    }

    private async Task<TestAgent> Online(GridDetailsDto grid, string node)
    {
        var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, node);
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await agent.NextAsync(Body.Welcome);
        await Eventually.UntilAsync(async () => (await Master.Client.GetNodeAsync(grid.Name, node)).Online, $"{node} online");
        return agent;
    }
}
