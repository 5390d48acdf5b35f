using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Satama.Agent.Tests.Lb;

/// <summary>
/// A small HTTP server on a loopback port standing in for a service instance: answers "NAME PATH", waits on /slow,
/// echoes one WebSocket message on /ws, returns the request body on /echo, the request headers (one "Name: value"
/// line each) on /headers and ?bytes=N bytes of <see cref="Pattern"/> with a Content-Length on /big.
/// </summary>
internal sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestBackend(WebApplication app, string name, int port)
    {
        _app = app;
        Name = name;
        Port = port;
    }

    public string Name { get; }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<TestBackend> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(async context =>
        {
            if (context.WebSockets.IsWebSocketRequest)
            {
                using var socket = await context.WebSockets.AcceptWebSocketAsync();
                var buffer = new byte[1024];
                var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                await socket.SendAsync(buffer.AsMemory(0, received.Count), WebSocketMessageType.Text, true, context.RequestAborted);
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted);
                return;
            }
            if (context.Request.Path.StartsWithSegments("/echo"))
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body, context.RequestAborted);
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted);
                return;
            }
            if (context.Request.Path.StartsWithSegments("/headers"))
            {
                await context.Response.WriteAsync(string.Concat(context.Request.Headers.Select(h => $"{h.Key}: {h.Value}\n")));
                return;
            }
            if (context.Request.Path.StartsWithSegments("/big"))
            {
                var bytes = Pattern(int.Parse(context.Request.Query["bytes"].ToString(), CultureInfo.InvariantCulture));
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
                return;
            }
            if (context.Request.Path.StartsWithSegments("/slow"))
            {
                await Task.Delay(TimeSpan.FromSeconds(1.5), context.RequestAborted);
            }
            await context.Response.WriteAsync($"{name} {context.Request.Path}{context.Request.QueryString}");
        });
        await app.StartAsync();
        var address = app.Urls.First();
        return new TestBackend(app, name, new Uri(address).Port);
    }

    /// <summary>Bytes that show where a piece was lost or repeated.</summary>
    public static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i % 251);
        }
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
