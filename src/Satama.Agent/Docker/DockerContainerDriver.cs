using System.Collections.Concurrent;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Satama.Agent.Secrets;
using Satama.Core.Model;
using Satama.Core.Reconciling;

namespace Satama.Agent.Docker;

/// <summary>The <see cref="IContainerDriver"/> on a Docker Engine, through Docker.DotNet.</summary>
internal sealed partial class DockerContainerDriver : IContainerDriver, IDisposable
{
    // The oldest engine we support is 20.10; pinning keeps requests in a shape it understands.
    private static readonly System.Version s_apiVersion = new(1, 41);

    private readonly DockerClient _client;
    private readonly Uri _endpoint;
    private readonly ILogger<DockerContainerDriver> _logger;
    // Running containers as last inspected, by id; replaced by every listing (one reconciler calls it).
    private volatile Dictionary<string, ActualContainerView> _running = new(StringComparer.Ordinal);

    private readonly SecretFiles? _secretFiles;
    private readonly HostPathGuard _hostPaths;
    // Containers between the write of their secret files and their creation: a listing must not prune those files.
    private readonly ConcurrentDictionary<string, byte> _creating = new(StringComparer.Ordinal);

    /// <param name="endpoint">The engine.</param>
    /// <param name="logger">The driver's log.</param>
    /// <param name="secretFiles">Where file secrets go; null: a container with a file secret cannot be created.</param>
    /// <param name="hostPaths">The node paths no container mounts without the grid's allowance; null: the engine's socket and <paramref name="secretFiles"/>' root.</param>
    public DockerContainerDriver(Uri endpoint, ILogger<DockerContainerDriver> logger, SecretFiles? secretFiles = null, HostPathGuard? hostPaths = null)
    {
        _client = new DockerClientBuilder().WithEndpoint(endpoint).WithApiVersion(s_apiVersion).Build();
        _endpoint = endpoint;
        _logger = logger;
        _secretFiles = secretFiles;
        _hostPaths = hostPaths ?? HostPathGuard.For(endpoint, secretsDir: secretFiles?.Root);
    }

    public void Dispose() => _client.Dispose();

    public async Task<IReadOnlyList<ActualContainerView>> ListAsync(string grid, string node, CancellationToken ct)
    {
        var listed = await _client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = LabelFilter(grid, node),
        }, ct);
        var result = new List<ActualContainerView>(listed.Count);
        var seen = new Dictionary<string, ActualContainerView>(StringComparer.Ordinal);
        foreach (var item in listed)
        {
            // A container that was running at the last look and still is has not changed in
            // anything we read (start time, address); anything else is inspected for the exit
            // code and the start/finish times the restart backoff needs.
            if (item.State == "running" && _running.TryGetValue(item.ID, out var known))
            {
                result.Add(known);
                seen[item.ID] = known;
                continue;
            }
            var inspect = await TryInspectAsync(item.ID, ct);
            if (inspect is not null)
            {
                var view = DockerMapping.ToView(inspect);
                result.Add(view);
                if (view.State == ContainerRunState.Running)
                {
                    seen[item.ID] = view;
                }
            }
        }
        _running = seen;
        PruneSecretFiles(listed.SelectMany(c => c.Names ?? []).Select(n => n.TrimStart('/')));
        return result;
    }

    public async Task CreateAsync(DesiredContainerView spec, string node, CancellationToken ct)
    {
        spec = ConfigFiles.WithConfigFiles(GuardBinds(spec));
        _creating[spec.Name] = 0;
        try
        {
            await EnsureVolumesAsync(spec, node, ct);
            var parameters = ToCreateParameters(spec, node);
            Overlay?.Apply(spec, parameters);
            try
            {
                await CreateOnceAsync(parameters, ct);
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                await PullAsync(spec.Image, ct);
                await CreateOnceAsync(parameters, ct);
            }
        }
        finally
        {
            _creating.TryRemove(spec.Name, out _);
        }
    }

    // Secrets are resolved here, at the last moment: a secret that cannot be delivered is reported on the container
    // (by name, never by value) and the container is not created without it.
    private CreateContainerParameters ToCreateParameters(DesiredContainerView spec, string node)
    {
        try
        {
            IReadOnlyList<(string, string)> files = [];
            if (spec.Secrets.Any(s => s.Type == SecretDeliveryType.File))
            {
                files = _secretFiles?.Write(spec) ?? throw new SecretUnavailableException("this agent has no secrets directory for file secrets");
            }
            return DockerMapping.ToCreateParameters(spec, node, files);
        }
        catch (Exception e) when (e is SecretUnavailableException or IOException or UnauthorizedAccessException)
        {
            throw new ContainerDriverException($"secrets of {spec.Name}: {e.Message}", e);
        }
    }

    public void RestoreSecretFiles(DesiredContainerView spec)
    {
        spec = ConfigFiles.WithConfigFiles(spec);
        if (_secretFiles is null || !spec.Secrets.Any(s => s.Type == SecretDeliveryType.File))
        {
            return;
        }
        try
        {
            _secretFiles.Restore(spec);
        }
        catch (Exception e) when (e is SecretUnavailableException or IOException or UnauthorizedAccessException)
        {
            throw new ContainerDriverException($"secrets of {spec.Name}: {e.Message}", e);
        }
    }

    private void PruneSecretFiles(IEnumerable<string> existing)
    {
        if (_secretFiles is null)
        {
            return;
        }
        var keep = new HashSet<string>(existing, StringComparer.Ordinal);
        keep.UnionWith(_creating.Keys);
        try
        {
            _secretFiles.Prune(keep);
        }
        catch (IOException e)
        {
            LogPruneFailed(_secretFiles.Root, e.Message);
        }
    }

    private async Task CreateOnceAsync(CreateContainerParameters parameters, CancellationToken ct)
    {
        var name = parameters.Name!;
        try
        {
            await _client.Containers.CreateContainerAsync(parameters, ct);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // Someone (an earlier pass, a previous agent run) created it already: adopt it if it is ours.
            var existing = await TryInspectAsync(name, ct);
            var labels = existing?.Config?.Labels;
            if (labels is null
                || DockerMapping.Get(labels, SatamaLabels.Grid) != parameters.Labels[SatamaLabels.Grid]
                || DockerMapping.Get(labels, SatamaLabels.Node) != parameters.Labels[SatamaLabels.Node])
            {
                throw new ContainerDriverException($"container name {name} is taken by a container this node does not manage", e);
            }
        }
    }

    public async Task StartAsync(string name, CancellationToken ct)
    {
        try
        {
            await _client.Containers.StartContainerAsync(name, new ContainerStartParameters(), ct);
        }
        catch (DockerApiException e) when (e.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadRequest)
        {
            // e.g. a host port already in use: expected, reported on the container.
            throw new ContainerDriverException($"start of {name} failed: {Message(e)}", e);
        }
    }

    public async Task RemoveAsync(string name, CancellationToken ct)
    {
        // The grace period the container was created with (its service's stop_grace_period), 2 s for older ones.
        var inspect = await TryInspectAsync(name, ct);
        if (inspect is null)
        {
            return;
        }
        try
        {
            await _client.Containers.StopContainerAsync(name, new ContainerStopParameters { WaitBeforeKillSeconds = DockerMapping.StopGraceSeconds(inspect) }, ct);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return;
        }
        try
        {
            // RemoveVolumes takes the container's anonymous volumes with it (never a named one: their data outlives it).
            await _client.Containers.RemoveContainerAsync(name, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, ct);
        }
        catch (DockerApiException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Gone already, or a removal is in progress: either way it is going away.
            LogRemoveRaced(name, e.StatusCode);
        }
        _secretFiles?.Remove(name);
    }

    public async Task<EngineInfo> GetEngineInfoAsync(CancellationToken ct)
    {
        return ToEngineInfo(await _client.System.GetSystemInfoAsync(ct));
    }

    private static EngineInfo ToEngineInfo(SystemInfoResponse info)
    {
        return new EngineInfo(
            info.ServerVersion ?? "",
            info.Driver ?? "",
            info.KernelVersion ?? "",
            info.OperatingSystem ?? "",
            (int)info.NCPU,
            info.MemTotal,
            info.CgroupVersion ?? "",
            info.LoggingDriver ?? "");
    }

    private async Task<ContainerInspectResponse?> TryInspectAsync(string nameOrId, CancellationToken ct)
    {
        try
        {
            return await _client.Containers.InspectContainerAsync(nameOrId, ct);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static Dictionary<string, IDictionary<string, bool>> LabelFilter(string grid, string node) => new()
    {
        ["label"] = new Dictionary<string, bool>
        {
            [$"{SatamaLabels.Grid}={grid}"] = true,
            [$"{SatamaLabels.Node}={node}"] = true,
        },
    };

    /// <summary>The engine's own message, without the JSON wrapper.</summary>
    private static string Message(DockerApiException e)
    {
        var body = e.ResponseBody?.Trim() ?? "";
        const string Prefix = "{\"message\":\"";
        return body.StartsWith(Prefix, StringComparison.Ordinal) && body.EndsWith("\"}", StringComparison.Ordinal)
            ? body[Prefix.Length..^2].Replace("\\\"", "\"", StringComparison.Ordinal)
            : body.Length > 0 ? body : e.Message;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not prune secret files under {Root}: {Error}")]
    private partial void LogPruneFailed(string root, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Remove of {Container} raced with the engine ({Status})")]
    private partial void LogRemoveRaced(string container, HttpStatusCode status);
}
