using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Satama.Client;
using Satama.Master.Tests.Infrastructure;
using Satama.Protocol;

namespace Satama.Master.Tests.Auth;

/// <summary>TLS only, with a pinned CA: plain HTTP and clients pinning another CA get nothing.</summary>
public sealed class TransportTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private static readonly string s_otherCa = Convert.ToHexStringLower(SHA256.HashData("another CA"u8));

    private TestMaster Master => fixture.Master;

    [Fact]
    public async Task Plain_HTTP_to_the_port_gets_no_HTTP_answer()
    {
        var url = Master.Server.Url;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /v1/info HTTP/1.1\r\nHost: {url.Host}\r\nConnection: close\r\n\r\n"));

        var buffer = new byte[4096];
        var read = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer.AsMemory(read), timeout.Token)) > 0 && read < buffer.Length)
            {
                read += n;
            }
        }
        catch (IOException)
        {
            // Reset by the server: also no answer.
        }

        Assert.DoesNotContain("HTTP/1.1", Encoding.ASCII.GetString(buffer, 0, read));
        Assert.DoesNotContain("satama-master", Encoding.ASCII.GetString(buffer, 0, read));
    }

    [Fact]
    public async Task A_client_pinning_another_CA_is_refused_before_any_request()
    {
        using var client = new SatamaClient(Master.Server.Url, Master.Server.AdminToken, s_otherCa);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.InfoAsync());
    }

    [Fact]
    public async Task An_agent_pinning_another_CA_cannot_open_the_agent_link()
    {
        var grid = await Master.NewGridAsync();
        using var channel = GrpcChannel.ForAddress(Master.Server.Url, new GrpcChannelOptions { HttpHandler = PinnedHttpHandler.Create(s_otherCa) });
        using var call = new Protocol.AgentLink.AgentLinkClient(channel).Connect();

        await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(new AgentMessage { Hello = new Hello { GridToken = grid.Token, Node = new NodeInfo { Name = "node-1" } } });
            await call.ResponseStream.MoveNext();
        });

        Assert.Empty(await Master.Client.ListNodesAsync(grid.Name));
    }
}
