using System.Net;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.E2E.Fixtures;
using Satama.Testing;
using Satama.Testing.Platform;

namespace Satama.E2E.Storage;

/// <summary>
/// A stack's entrypoint, volumes, DNS search domain and logging driver reach the engine through master and agent, and what an instance wrote into its named
/// volume is there for the container a rollout puts in its place.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class VolumesTests(MasterProcess master)
{
    private static string Stack(string revision) => $$"""
        name: vols
        services:
          db:
            image: {{TestImages.Busybox}}
            entrypoint: ["/bin/sh", "-c"]
            command: ["exec httpd -f -p 8080 -h /www"]
            environment:
              REV: "{{revision}}"
            dns_search: corp.example.com
            logging:
              driver: json-file
              options:
                max-size: 1m
            volumes:
              - data:/data
              - type: tmpfs
                target: /scratch
        volumes:
          data:
        """;

    [Fact]
    public async Task A_named_volume_keeps_its_data_across_a_rollout_and_a_relative_bind_is_refused_at_its_line()
    {
        string? grid = null;
        try
        {
            await using var agent = await GridAgent.StartAsync(master);
            grid = agent.Grid;

            var refused = await Assert.ThrowsAsync<SatamaApiException>(() => master.Client.InstallStackAsync(agent.Grid,
                new StackFileRequest("vols.yml", Stack("1").Replace("- data:/data", "- ./data:/data", StringComparison.Ordinal))));
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Contains("vols.yml:15:9: services.db.volumes[0]: bind mount source `./data` is relative", refused.Detail, StringComparison.Ordinal);

            await master.Client.InstallStackAsync(agent.Grid, new StackFileRequest("vols.yml", Stack("1")));
            var first = await RunningAsync(agent, 1);
            Assert.Equal("""["/bin/sh","-c"] json-file 1m""", (await Shell.DockerAsync("inspect", "-f",
                "{{json .Config.Entrypoint}} {{.HostConfig.LogConfig.Type}} {{index .HostConfig.LogConfig.Config \"max-size\"}}", first)).EnsureSuccess("inspect").Stdout.Trim());
            Assert.Contains("corp.example.com", (await Shell.DockerAsync("exec", first, "grep", "^search", "/etc/resolv.conf")).EnsureSuccess("resolv.conf").Stdout, StringComparison.Ordinal);
            (await Shell.DockerAsync("exec", first, "sh", "-c", "echo kept > /data/file")).EnsureSuccess("write into the volume");

            await master.Client.UpgradeStackAsync(agent.Grid, "vols", new StackFileRequest("vols.yml", Stack("2")));
            var second = await RunningAsync(agent, 2);

            var seen = (await Shell.DockerAsync("exec", second, "sh", "-c", "cat /data/file; grep -q ' /scratch tmpfs ' /proc/mounts && echo tmpfs; pidof httpd >/dev/null && echo httpd"))
                .EnsureSuccess("read from the volume").Stdout;
            Assert.Equal(["kept", "tmpfs", "httpd"], seen.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            var volumes = (await Shell.DockerAsync("volume", "ls", "-q", "--filter", $"label=io.satama.grid={agent.Grid}")).EnsureSuccess("volume ls").Stdout.Trim();
            Assert.Equal($"{agent.Grid}.vols.data", volumes);
            // The API (and so `service show`) says what is mounted where.
            var shown = await master.Client.GetServiceAsync(agent.Grid, "vols", "db");
            Assert.Equal(["/bin/sh", "-c"], shown.Entrypoint);
            Assert.Contains(new MountDto("volume", $"{agent.Grid}.vols.data", "/data", false), shown.Mounts ?? []);
        }
        finally
        {
            if (grid is not null)
            {
                var left = (await Shell.DockerAsync("volume", "ls", "-q", "--filter", $"label=io.satama.grid={grid}")).Stdout
                    .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (left.Length > 0)
                {
                    await Shell.DockerAsync(["volume", "rm", "-f", .. left]);
                }
            }
        }
    }

    private static async Task<string> RunningAsync(GridAgent agent, long revision)
    {
        var containers = await Eventually.ValueAsync(agent.DockerContainersAsync,
            c => c.Count == 1 && c.All(x => x.Key.EndsWith($".r{revision}", StringComparison.Ordinal) && x.Value == "running"),
            $"db running at revision {revision}, alone", TimeSpan.FromMinutes(3),
            c => string.Join(", ", c.Select(x => $"{x.Key}:{x.Value}")));
        return containers.Keys.Single();
    }
}
