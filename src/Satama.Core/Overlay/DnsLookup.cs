namespace Satama.Core.Overlay;

public enum DnsLookupKind
{
    /// <summary>A name of ours: answer with the addresses (none: the service exists but nothing serves).</summary>
    Answer,
    /// <summary>Under satama.local but nothing of this grid: NXDOMAIN.</summary>
    NotFound,
    /// <summary>Not ours: ask the host's resolver.</summary>
    Forward,
}

public sealed record DnsLookup(DnsLookupKind Kind, IReadOnlyList<string> Addresses)
{
    public static readonly DnsLookup NotFound = new(DnsLookupKind.NotFound, []);
    public static readonly DnsLookup Forward = new(DnsLookupKind.Forward, []);
}
