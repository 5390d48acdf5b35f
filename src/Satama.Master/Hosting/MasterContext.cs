namespace Satama.Master.Hosting;

/// <summary>Facts about this master that endpoints need: its options, CA fingerprint and reachable URL.</summary>
internal sealed class MasterContext(MasterOptions options, string caFingerprint)
{
    public MasterOptions Options { get; } = options;

    public string CaFingerprint { get; } = caFingerprint;

    /// <summary>The first listen address with its real port; set once Kestrel has bound.</summary>
    public Uri Url { get; set; } = new("https://127.0.0.1:7443");

    /// <summary>The URL agents are told to dial: a wildcard bind address is replaced by the host name.</summary>
    public Uri AdvertisedUrl => Url.Host is "0.0.0.0" or "[::]" or "::"
        ? new UriBuilder(Url) { Host = System.Net.Dns.GetHostName() }.Uri
        : Url;

    public string Version { get; } = typeof(MasterContext).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
