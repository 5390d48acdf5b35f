using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Satama.Client.Dtos;

namespace Satama.Client;

/// <summary>
/// The typed REST client of the master's /v1 API. The CLI, the dashboard and every
/// end-to-end test reach the master only through this class.
/// </summary>
public sealed partial class SatamaClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;

    public SatamaClient(Uri baseUrl, string? token, string? caFingerprint = null)
        : this(new HttpClient(PinnedHttpHandler.Create(caFingerprint)) { BaseAddress = baseUrl, Timeout = Timeout.InfiniteTimeSpan }, token)
    {
    }

    /// <summary>For tests that bring their own handler (e.g. an in-process test server).</summary>
    public SatamaClient(HttpClient http, string? token)
    {
        _http = http;
        if (!string.IsNullOrEmpty(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Uri? BaseAddress => _http.BaseAddress;

    // ---- info
    public Task<InfoDto> InfoAsync(CancellationToken ct = default) => GetAsync<InfoDto>("v1/info", ct);

    // ---- grids
    public Task<IReadOnlyList<GridDto>> ListGridsAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<GridDto>>("v1/grids", ct);

    public Task<GridDetailsDto> CreateGridAsync(GridCreateRequest request, CancellationToken ct = default) =>
        SendAsync<GridDetailsDto>(HttpMethod.Post, "v1/grids", request, ct);

    public Task<GridDetailsDto> GetGridAsync(string grid, CancellationToken ct = default) =>
        GetAsync<GridDetailsDto>($"v1/grids/{E(grid)}", ct);

    /// <summary>Changes the grid's host allowances (what its grid_users may ask for beyond a plain container).</summary>
    public Task<GridDetailsDto> UpdateGridAsync(string grid, GridUpdateRequest request, CancellationToken ct = default) =>
        SendAsync<GridDetailsDto>(HttpMethod.Patch, $"v1/grids/{E(grid)}", request, ct);

    /// <summary>A new join token for the grid; the old one stops admitting new nodes.</summary>
    public Task<GridDetailsDto> RotateGridTokenAsync(string grid, CancellationToken ct = default) =>
        SendAsync<GridDetailsDto>(HttpMethod.Post, $"v1/grids/{E(grid)}/rotate-token", null, ct);

    public Task DeleteGridAsync(string grid, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"v1/grids/{E(grid)}", null, ct);

    // ---- nodes
    public Task<IReadOnlyList<NodeDto>> ListNodesAsync(string grid, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<NodeDto>>($"v1/grids/{E(grid)}/nodes", ct);

    public Task<NodeDto> GetNodeAsync(string grid, string node, CancellationToken ct = default) =>
        GetAsync<NodeDto>($"v1/grids/{E(grid)}/nodes/{E(node)}", ct);

    public Task<NodeDto> LabelNodeAsync(string grid, string node, NodeLabelsRequest request, CancellationToken ct = default) =>
        SendAsync<NodeDto>(HttpMethod.Patch, $"v1/grids/{E(grid)}/nodes/{E(node)}/labels", request, ct);

    public Task DeleteNodeAsync(string grid, string node, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"v1/grids/{E(grid)}/nodes/{E(node)}", null, ct);

    // ---- services
    public Task<IReadOnlyList<ServiceDto>> ListServicesAsync(string grid, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<ServiceDto>>($"v1/grids/{E(grid)}/services", ct);

    public Task<ServiceDto> CreateServiceAsync(string grid, ServiceCreateRequest request, CancellationToken ct = default) =>
        SendAsync<ServiceDto>(HttpMethod.Post, $"v1/grids/{E(grid)}/services", request, ct);

    public Task<ServiceDto> GetServiceAsync(string grid, string stack, string service, CancellationToken ct = default) =>
        GetAsync<ServiceDto>(ServicePath(grid, stack, service), ct);

    public Task<ServiceDto> ScaleServiceAsync(string grid, string stack, string service, int instances, CancellationToken ct = default) =>
        SendAsync<ServiceDto>(HttpMethod.Post, ServicePath(grid, stack, service) + "/scale", new ScaleRequest(instances), ct);

    public Task<ServiceDto> RestartServiceAsync(string grid, string stack, string service, CancellationToken ct = default) =>
        SendAsync<ServiceDto>(HttpMethod.Post, ServicePath(grid, stack, service) + "/restart", null, ct);

    public Task DeleteServiceAsync(string grid, string stack, string service, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, ServicePath(grid, stack, service), null, ct);

    /// <summary>Log lines of all instances, each prefixed "web-1 | ". With follow, runs until cancelled.</summary>
    public IAsyncEnumerable<string> ServiceLogsAsync(string grid, string stack, string service, int? tail, bool follow, CancellationToken ct = default) =>
        LinesAsync($"{ServicePath(grid, stack, service)}/logs{LogQuery(tail, follow)}", ct);

    // ---- containers
    public Task<IReadOnlyList<ContainerDto>> ListContainersAsync(string grid, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<ContainerDto>>($"v1/grids/{E(grid)}/containers", ct);

    public IAsyncEnumerable<string> ContainerLogsAsync(string grid, string container, int? tail, bool follow, CancellationToken ct = default) =>
        LinesAsync($"v1/grids/{E(grid)}/containers/{E(container)}/logs{LogQuery(tail, follow)}", ct);

    public Task<ExecResultDto> ExecAsync(string grid, string container, ExecRequest request, CancellationToken ct = default) =>
        SendAsync<ExecResultDto>(HttpMethod.Post, $"v1/grids/{E(grid)}/containers/{E(container)}/exec", request, ct);

    public void Dispose() => _http.Dispose();

    // ---- plumbing
    private static string E(string segment) => Uri.EscapeDataString(segment);

    private static string ServicePath(string grid, string stack, string service) =>
        $"v1/grids/{E(grid)}/stacks/{E(stack)}/services/{E(service)}";

    private static string LogQuery(int? tail, bool follow) =>
        $"?follow={(follow ? "true" : "false")}" + (tail is { } t ? $"&tail={t}" : "");

    private async Task<T> GetAsync<T>(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(path, ct);
        return await ReadAsync<T>(response, ct);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendRawAsync(method, path, body, HttpCompletionOption.ResponseContentRead, ct);
        return await ReadAsync<T>(response, ct);
    }

    private async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendRawAsync(method, path, body, HttpCompletionOption.ResponseContentRead, ct);
        await EnsureSuccessAsync(response, ct);
    }

    private Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, HttpCompletionOption completion, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }
        return _http.SendAsync(request, completion, ct);
    }

    private async IAsyncEnumerable<string> LinesAsync(string path, [EnumeratorCancellation] CancellationToken ct)
    {
        using var response = await SendRawAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseHeadersRead, ct);
        await EnsureSuccessAsync(response, ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            yield return line;
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        await EnsureSuccessAsync(response, ct);
        var value = await response.Content.ReadFromJsonAsync<T>(Json, ct);
        return value ?? throw new SatamaApiException(response.StatusCode, "Empty answer", $"the master answered {(int)response.StatusCode} with no body");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        ProblemDto? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync<ProblemDto>(Json, ct);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Not a problem document (e.g. a proxy's HTML page): fall back to the status line below.
        }
        var detail = problem?.Detail;
        if (detail is null && response.StatusCode == HttpStatusCode.Unauthorized)
        {
            detail = "not authenticated: log in with 'satama login URL --token TOKEN'";
        }
        throw new SatamaApiException(response.StatusCode, problem?.Title ?? response.ReasonPhrase, detail);
    }
}
