using Satama.Client;
using Satama.Client.Dtos;
using Satama.E2E.Fixtures;
using Satama.Testing;
using Satama.Testing.Platform;

namespace Satama.E2E.Secrets;

/// <summary>
/// Issue 7's vault on the real engine: a stack service reads one secret from its environment and one from a file, the
/// file's value never shows in `docker inspect`, and `secret update` redeploys it with the new values. Neither the
/// master's nor the agent's output ever holds a value.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class SecretDeliveryTests(MasterProcess master)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    private const string Stack = """
        stack: e2e/vaulted
        services:
          app:
            image: satama-test/busybox:latest
            command: sleep 3600
            secrets:
              - secret: db-password
                name: DB_PASSWORD
                type: env
              - secret: tls-key
                name: tls.key
                type: file
        """;

    [Fact]
    public async Task A_service_reads_its_secrets_from_env_and_a_file_and_is_redeployed_when_they_change()
    {
        await TestImages.BusyboxAsync();
        await using var agent = await GridAgent.StartAsync(master);
        var client = master.Client;
        var grid = agent.Grid;
        string[] values = ["pw-one-c41f", "key-one-9b2e", "pw-two-5d07", "key-two-e813"];
        await client.WriteSecretAsync(grid, "db-password", values[0]);
        await client.WriteSecretAsync(grid, "tls-key", values[1]);

        await client.InstallStackAsync(grid, new StackFileRequest("satama.yml", Stack));
        var first = await ReadSecretsAsync(client, grid, $"{values[0]}\n{values[1]}");
        var inspect = (await Shell.DockerAsync("inspect", first.Name)).EnsureSuccess("docker inspect").Stdout;

        Assert.DoesNotContain(values[1], inspect, StringComparison.Ordinal);
        Assert.Equal("400", (await client.ExecAsync(grid, first.Id, new ExecRequest(["stat", "-c", "%a", "/run/secrets/tls.key"]))).Stdout.Trim());

        // The agent saves no values: restarted, it keeps the container (its spec hash has no values) and gets them back.
        await agent.StopProcessAsync(kill: true);
        await agent.StartProcessAsync();
        var restarted = await ReadSecretsAsync(client, grid, $"{values[0]}\n{values[1]}");
        Assert.Equal(first.Id, restarted.Id);

        var updated = await client.UpdateSecretAsync(grid, "db-password", values[2]);
        await client.UpdateSecretAsync(grid, "tls-key", values[3]);
        var second = await ReadSecretsAsync(client, grid, $"{values[2]}\n{values[3]}");

        Assert.Equal(["vaulted/app"], updated.UsedBy);
        Assert.NotEqual(first.Id, second.Id);
        Assert.True(second.Revision > first.Revision, $"revision {second.Revision} after {first.Revision}");
        var show = await client.GetServiceAsync(grid, "vaulted", "app");
        Assert.Equal(["db-password", "tls-key"], show.Secrets!.Select(s => s.Secret));

        await client.DeleteStackAsync(grid, "vaulted");
        await Eventually.ValueAsync(() => agent.DockerContainersAsync(), containers => containers.Count == 0,
            "the stack's container to be removed (and its secret files with it)", s_timeout, c => string.Join(", ", c.Keys));
        var output = master.Output + agent.Output;
        Assert.All(values, v => Assert.DoesNotContain(v, output, StringComparison.Ordinal));
        Assert.Contains("Updated secret db-password", master.Output, StringComparison.Ordinal);
    }

    // The running container of the current revision, once `echo $DB_PASSWORD; cat /run/secrets/tls.key` in it shows the expected values.
    private static async Task<ContainerDto> ReadSecretsAsync(SatamaClient client, string grid, string expected)
    {
        var last = "";
        return await Eventually.ValueAsync(
            async () =>
            {
                var revision = (await client.GetServiceAsync(grid, "vaulted", "app")).Revision;
                var container = (await client.ListContainersAsync(grid)).SingleOrDefault(c => c.Service == "app" && c.State == "running" && c.Revision == revision);
                if (container is null)
                {
                    last = $"no running container at revision {revision}";
                    return null;
                }
                var exec = await client.ExecAsync(grid, container.Id, new ExecRequest(["sh", "-c", "echo $DB_PASSWORD; cat /run/secrets/tls.key"]));
                last = $"exit {exec.ExitCode}: {exec.Stdout.Trim()} {exec.Stderr.Trim()}";
                return exec.ExitCode == 0 && exec.Stdout.Trim() == expected ? container : null;
            },
            c => c is not null,
            $"the service to read {expected.Replace('\n', ' ')}",
            s_timeout,
            _ => last) ?? throw new InvalidOperationException("unreachable");
    }
}
