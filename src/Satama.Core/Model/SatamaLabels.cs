namespace Satama.Core.Model;

/// <summary>
/// Docker labels on every container Satama manages. The agent never touches a
/// container without <see cref="Grid"/>, and finds its containers by these labels
/// and a deterministic name, never by a remembered id.
/// </summary>
public static class SatamaLabels
{
    public const string Prefix = "io.satama.";
    public const string Grid = "io.satama.grid";
    public const string Node = "io.satama.node";
    public const string Stack = "io.satama.stack";
    public const string Service = "io.satama.service";
    public const string Instance = "io.satama.instance";
    public const string Revision = "io.satama.revision";
    public const string SpecHash = "io.satama.spec-hash";
    /// <summary>On a named Docker volume the agent created: the volume's key in its stack.</summary>
    public const string Volume = "io.satama.volume";
}
