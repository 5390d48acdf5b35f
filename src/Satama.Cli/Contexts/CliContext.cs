namespace Satama.Cli.Contexts;

/// <summary>One master the CLI knows: where it is, how to prove who we are, which CA to trust.</summary>
internal sealed class CliContext
{
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    public string? Token { get; set; }

    /// <summary>SHA-256 of the master's CA; null for plain http or a publicly trusted certificate.</summary>
    public string? CaFingerprint { get; set; }

    /// <summary>The grid commands use when --grid is not given.</summary>
    public string? Grid { get; set; }
}
