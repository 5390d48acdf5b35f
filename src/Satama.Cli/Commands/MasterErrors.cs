using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Satama.Client;

namespace Satama.Cli.Commands;

/// <summary>Turns what can go wrong talking to a master into one line a person can act on.</summary>
internal static class MasterErrors
{
    public static CliException? Translate(Exception exception, Uri url, CancellationToken ct) => exception switch
    {
        SatamaApiException api => FromApi(api, url),
        HttpRequestException http => FromTransport(http, url),
        // A stream (logs --follow) cut mid-way: the master stopped or the network broke.
        IOException io => new CliException($"lost the connection to the master at {Show(url)}: {FirstLine(io.Message)}"),
        OperationCanceledException when !ct.IsCancellationRequested =>
            new CliException($"the master at {Show(url)} did not answer in time"),
        _ => null,
    };

    private static CliException FromApi(SatamaApiException e, Uri url)
    {
        if (e.Status == HttpStatusCode.Unauthorized)
        {
            return new CliException(
                $"the master at {Show(url)} did not accept the token (401): log in with 'satama login {Show(url)} --token TOKEN' " +
                "(the admin token is in the master's data dir, file admin-token)" + (e.Detail is { Length: > 0 } why ? $"; the master says: {why}" : ""));
        }
        if (e.Status == HttpStatusCode.Forbidden)
        {
            // A refusal may name several things (each host-level option of a stack at its line): one "error:" line each.
            var refused = (e.Detail ?? e.Title ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return refused.Length <= 1
                ? new CliException($"not allowed (403): {e.Detail ?? e.Title}")
                : new CliException([$"not allowed (403): {refused[0]}", .. refused[1..]], ExitCodes.Failed);
        }
        // 400 details list every problem, one per line: keep one "error:" line per problem.
        var text = e.Detail ?? $"the master at {Show(url)} answered {(int)e.Status} {e.Title}".TrimEnd();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new CliException(lines.Length == 0 ? [text] : lines, ExitCodes.Failed);
    }

    private static CliException FromTransport(HttpRequestException e, Uri url)
    {
        if (e.HttpRequestError == HttpRequestError.SecureConnectionError || HasInner<AuthenticationException>(e))
        {
            return new CliException(
                $"cannot reach the master at {Show(url)}: TLS failed: its certificate does not match the pinned CA fingerprint " +
                "(log in again with the right --ca-fingerprint)");
        }
        var reason = Innermost(e) switch
        {
            SocketException s when s.SocketErrorCode == SocketError.ConnectionRefused => "connection refused (is the master running?)",
            SocketException s when s.SocketErrorCode is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "unknown host",
            TimeoutException or OperationCanceledException => "no answer in time",
            var inner => FirstLine(inner.Message),
        };
        return new CliException($"cannot reach the master at {Show(url)}: {reason}");
    }

    public static string Show(Uri url) => url.GetLeftPart(UriPartial.Path).TrimEnd('/');

    private static bool HasInner<T>(Exception e) where T : Exception
    {
        for (var x = e.InnerException; x is not null; x = x.InnerException)
        {
            if (x is T)
            {
                return true;
            }
        }
        return false;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim().TrimEnd('.');
}
