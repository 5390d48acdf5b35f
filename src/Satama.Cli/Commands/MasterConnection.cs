using Satama.Client;

namespace Satama.Cli.Commands;

/// <summary>Builds the REST client for one master: pinned TLS, bounded connect time.</summary>
internal static class MasterConnection
{
    public static SatamaClient Create(Uri url, string? token, string? caFingerprint, TimeSpan connectTimeout)
    {
        var handler = PinnedHttpHandler.Create(caFingerprint);
        handler.ConnectTimeout = connectTimeout;
        // No overall timeout: logs --follow streams for as long as the user wants.
        var http = new HttpClient(handler) { BaseAddress = WithSlash(url), Timeout = Timeout.InfiniteTimeSpan };
        return new SatamaClient(http, token);
    }

    /// <summary>Parses a master URL given by a user; "host:port" means https.</summary>
    public static Uri? ParseUrl(string text)
    {
        var s = text.Trim();
        if (!s.Contains("://", StringComparison.Ordinal))
        {
            s = "https://" + s;
        }
        return Uri.TryCreate(s, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" && url.Host.Length > 0
            ? WithSlash(url)
            : null;
    }

    // Relative routes ("v1/info") resolve under the base only when it ends with '/'.
    private static Uri WithSlash(Uri url) =>
        url.AbsolutePath.EndsWith('/') ? url : new Uri(url.GetLeftPart(UriPartial.Path) + "/");
}
