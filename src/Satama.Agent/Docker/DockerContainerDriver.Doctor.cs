using System.Text.Json;
using Docker.DotNet.Models;
using Satama.Core.Model;

namespace Satama.Agent.Docker;

internal sealed partial class DockerContainerDriver
{
    /// <summary>Where dockerd reads its settings when it runs on this host.</summary>
    internal const string DaemonJsonPath = "/etc/docker/daemon.json";

    /// <summary>
    /// The preflight's facts. Log options: a container of ours created without a log config carries the daemon's
    /// defaults (the engine merges them in at create), so its inspect tells the truth; before any exists, an engine
    /// on this host's unix socket is read from daemon.json (absent: no log-opts). Free disk: statvfs of the data
    /// root, when the engine is on a unix socket of this host and the directory is visible here.
    /// </summary>
    public async Task<EngineDiagnostics?> GetDiagnosticsAsync(string node, CancellationToken ct)
    {
        var info = await _client.System.GetSystemInfoAsync(ct);
        var engine = ToEngineInfo(info);
        var status = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in info.DriverStatus ?? [])
        {
            if (line is { Length: >= 2 })
            {
                status.TryAdd(line[0], line[1]);
            }
        }
        var local = _endpoint.Scheme == "unix";
        var root = info.DockerRootDir ?? "";
        var logOptions = await LogOptionsFromContainerAsync(node, engine.LogDriver, ct) ?? (local ? LogOptionsFromDaemonJson(DaemonJsonPath, engine.LogDriver) : null);
        long? free = null;
        long? total = null;
        if (local && root.Length > 0 && Directory.Exists(root))
        {
            try
            {
                var drive = new DriveInfo(root);
                free = drive.AvailableFreeSpace;
                total = drive.TotalSize;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // Not measured: the doctor says so.
            }
        }
        return new EngineDiagnostics(engine, root, status, logOptions, free, total);
    }

    private async Task<IReadOnlyDictionary<string, string>?> LogOptionsFromContainerAsync(string node, string logDriver, CancellationToken ct)
    {
        var listed = await _client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Limit = 5,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{SatamaLabels.Node}={node}"] = true } },
        }, ct);
        foreach (var item in listed)
        {
            var inspected = await TryInspectAsync(item.ID, ct);
            if (inspected?.HostConfig?.LogConfig is { } config && config.Type == logDriver)
            {
                return new Dictionary<string, string>(config.Config ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            }
        }
        return null;
    }

    /// <summary>The log-opts of daemon.json (empty when the file is absent or sets none); null when unreadable or for another driver.</summary>
    internal static IReadOnlyDictionary<string, string>? LogOptionsFromDaemonJson(string path, string logDriver)
    {
        try
        {
            if (!File.Exists(path))
            {
                return new Dictionary<string, string>();
            }
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            if (root.TryGetProperty("log-driver", out var driver) && driver.ValueKind == JsonValueKind.String && driver.GetString() != logDriver)
            {
                return null;
            }
            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("log-opts", out var opts) && opts.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in opts.EnumerateObject())
                {
                    options[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
            return options;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
