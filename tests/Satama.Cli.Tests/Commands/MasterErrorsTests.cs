using System.Net;
using System.Net.Sockets;
using Satama.Cli.Commands;
using Satama.Client;

namespace Satama.Cli.Tests.Commands;

public sealed class MasterErrorsTests
{
    private static readonly Uri s_url = new("https://10.0.0.5:7443/");

    [Fact]
    public void A_400_with_several_problems_gives_one_line_each()
    {
        var e = MasterErrors.Translate(new SatamaApiException(HttpStatusCode.BadRequest, "Bad Request", "image is empty\nport '1' is bad"), s_url, default);

        Assert.Equal(["image is empty", "port '1' is bad"], e!.Messages);
        Assert.Equal(1, e.ExitCode);
    }

    [Fact]
    public void A_409_keeps_the_masters_detail()
    {
        var e = MasterErrors.Translate(new SatamaApiException(HttpStatusCode.Conflict, "Conflict", "grid 'x' still has nodes n1"), s_url, default);

        Assert.Equal(["grid 'x' still has nodes n1"], e!.Messages);
    }

    [Fact]
    public void An_error_without_detail_names_the_status()
    {
        var e = MasterErrors.Translate(new SatamaApiException(HttpStatusCode.BadGateway, "Bad Gateway", null), s_url, default);

        Assert.Equal(["the master at https://10.0.0.5:7443 answered 502 Bad Gateway"], e!.Messages);
    }

    [Fact]
    public void Connection_refused_names_the_url()
    {
        var e = MasterErrors.Translate(new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused)), s_url, default);

        Assert.Equal(["cannot reach the master at https://10.0.0.5:7443: connection refused (is the master running?)"], e!.Messages);
    }

    [Fact]
    public void A_cut_stream_is_a_lost_connection()
    {
        var e = MasterErrors.Translate(new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely."), s_url, default);

        Assert.StartsWith("lost the connection to the master at https://10.0.0.5:7443: The response ended prematurely", Assert.Single(e!.Messages), StringComparison.Ordinal);
    }

    [Fact]
    public void Cancellation_by_the_user_is_not_translated()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Null(MasterErrors.Translate(new OperationCanceledException(cts.Token), s_url, cts.Token));
    }

    [Fact]
    public void Other_exceptions_are_not_translated()
    {
        Assert.Null(MasterErrors.Translate(new InvalidOperationException("bug"), s_url, default));
    }
}
