using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace Satama.Agent.Docker;

internal sealed partial class DockerContainerDriver
{
    // A pull that cannot reach its registry can hang on DNS; the reconciler must not.
    private static readonly TimeSpan s_pullTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Pulls a missing image once; throws <see cref="ContainerDriverException"/> naming the image when that fails.</summary>
    private async Task PullAsync(string image, CancellationToken ct)
    {
        LogPulling(image);
        var (repository, tag) = DockerMapping.SplitImage(image);
        var errors = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(s_pullTimeout);
        try
        {
            // Pull failures arrive as messages in the progress stream, not as an HTTP error.
            await _client.Images.CreateImageAsync(
                new ImagesCreateParameters { FromImage = repository, Tag = tag.Length > 0 ? tag : null },
                null,
                new SyncProgress<JSONMessage>(m =>
                {
                    if (m.Error?.Message is { Length: > 0 } message)
                    {
                        errors.Add(message);
                    }
                }),
                timeout.Token);
        }
        catch (DockerApiException e)
        {
            errors.Add(Message(e));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            errors.Add($"timed out after {s_pullTimeout.TotalSeconds:0} s");
        }
        if (errors.Count == 0 && await ImageExistsAsync(image, ct))
        {
            return;
        }
        var why = errors.Count > 0 ? string.Join("; ", errors) : "the image is still missing after the pull";
        throw new ContainerDriverException($"image {image} not found on node and pull failed: {why}");
    }

    private async Task<bool> ImageExistsAsync(string image, CancellationToken ct)
    {
        try
        {
            await _client.Images.InspectImageAsync(image, ct);
            return true;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulling missing image {Image}")]
    private partial void LogPulling(string image);
}
