using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Satama.Master.AgentLink;

namespace Satama.Master.Api;

/// <summary>
/// Streams container logs from agents to an HTTP response as text/plain. Several sources
/// (a service's instances) are merged line by line, each line prefixed "web-1 | ".
/// </summary>
internal static class LogStreamer
{
    private static readonly TimeSpan s_answerTimeout = TimeSpan.FromSeconds(60);

    public sealed record Source(string Prefix, NodeConnection? Link, string Container, string Node);

    public static async Task StreamAsync(HttpContext http, IReadOnlyList<Source> sources, int tail, bool follow, bool prefix)
    {
        // A following stream ends when the master stops, not only when the client leaves.
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var both = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var ct = both.Token;
        http.Response.ContentType = "text/plain; charset=utf-8";
        var lines = Channel.CreateUnbounded<string>();
        var pumps = sources.Select(s => PumpAsync(s, tail, follow, prefix, lines.Writer, ct)).ToList();
        _ = Task.WhenAll(pumps).ContinueWith(_ => lines.Writer.TryComplete(), TaskScheduler.Default);
        await http.Response.StartAsync(ct);
        try
        {
            await foreach (var line in lines.Reader.ReadAllAsync(ct))
            {
                await http.Response.WriteAsync(line, ct);
                if (lines.Reader.Count == 0)
                {
                    await http.Response.Body.FlushAsync(ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away (e.g. Ctrl-C on a follow); the pumps stop with the same token.
        }
    }

    private static async Task PumpAsync(Source source, int tail, bool follow, bool prefix, ChannelWriter<string> lines, CancellationToken ct)
    {
        var head = prefix ? $"{source.Prefix} | " : "";
        if (source.Link is null)
        {
            await lines.WriteAsync($"{head}(no logs: node {source.Node} is offline)\n", ct);
            return;
        }
        var pending = new StringBuilder();
        // Without follow the answer is finite; an agent that never finishes it must not hold the request forever.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (!follow)
        {
            limit.CancelAfter(s_answerTimeout);
        }
        try
        {
            await foreach (var chunk in source.Link.LogsAsync(source.Container, tail, follow, limit.Token))
            {
                pending.Append(Encoding.UTF8.GetString(chunk.Data.Span));
                var text = pending.ToString();
                var end = text.LastIndexOf('\n');
                if (end >= 0)
                {
                    foreach (var line in text[..end].Split('\n'))
                    {
                        await lines.WriteAsync($"{head}{line}\n", ct);
                    }
                    pending.Clear().Append(text[(end + 1)..]);
                }
                if (chunk.Error.Length > 0)
                {
                    await lines.WriteAsync($"{head}(error: {chunk.Error})\n", ct);
                }
            }
            if (pending.Length > 0)
            {
                await lines.WriteAsync($"{head}{pending}\n", ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client stopped reading.
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            await lines.WriteAsync($"{head}(error: node {source.Node} did not finish the logs within {s_answerTimeout.TotalSeconds:0} s)\n", ct);
        }
    }
}
