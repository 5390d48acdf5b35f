namespace Satama.Cli.Hosting;

/// <summary>Listen addresses as users give them ("0.0.0.0:7443" or "https://host:port").</summary>
internal static class ListenAddress
{
    public const string Default = "https://127.0.0.1:7443";

    public static string? Normalize(string text)
    {
        var s = text.Trim();
        if (!s.Contains("://", StringComparison.Ordinal))
        {
            s = "https://" + s;
        }
        return Uri.TryCreate(s, UriKind.Absolute, out var url) && url.Scheme == "https" && url.Host.Length > 0 && !url.IsDefaultPort
            ? s.TrimEnd('/')
            : null;
    }

    /// <summary>The URL a local client or agent dials: a wildcard listen address is reached on loopback.</summary>
    public static Uri Local(Uri url) => url.Host switch
    {
        "0.0.0.0" or "*" or "+" => new UriBuilder(url) { Host = "127.0.0.1" }.Uri,
        "[::]" or "::" => new UriBuilder(url) { Host = "[::1]" }.Uri,
        _ => url,
    };
}
