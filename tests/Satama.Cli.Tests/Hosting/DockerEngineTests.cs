using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Satama.Cli.Hosting;
using Satama.Testing;

namespace Satama.Cli.Tests.Hosting;

public sealed class DockerEngineTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task An_engine_answering_ping_on_the_socket_is_running()
    {
        var socket = Path.Combine(_dir.Path, "docker.sock");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(socket));
        await using var app = builder.Build();
        app.MapGet("/_ping", () => Results.Text("OK"));
        await app.StartAsync();

        Assert.True(await DockerEngine.AnswersAsync(socket, default));
    }

    [Fact]
    public async Task No_socket_file_means_no_engine()
    {
        Assert.False(await DockerEngine.AnswersAsync(Path.Combine(_dir.Path, "none.sock"), default));
    }

    [Fact]
    public async Task A_stale_socket_file_means_no_engine()
    {
        var path = Path.Combine(_dir.Path, "stale.sock");
        // A crashed dockerd leaves its socket file behind. .NET unlinks the path it bound on dispose,
        // so bind elsewhere and move the socket file into place first.
        var bound = Path.Combine(_dir.Path, "bound.sock");
        using (var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            listener.Bind(new UnixDomainSocketEndPoint(bound));
            File.Move(bound, path);
        }

        Assert.True(File.Exists(path));
        Assert.False(await DockerEngine.AnswersAsync(path, default));
    }
}
