namespace Satama.Core.Stacks.Model;

/// <summary>
/// A secret or config given to a service. Compose form: <see cref="Source"/> names a top-level secret,
/// mounted as a file at <see cref="Target"/>. Kontena form (<see cref="FromVault"/>): Source is a key of the
/// grid vault and Target the environment variable (type env) or file name (type file). <see cref="Mode"/>
/// (octal, e.g. 0400), <see cref="Uid"/> and <see cref="Gid"/> shape a file; null: the defaults.
/// </summary>
public sealed record ServiceSecretRef(string Source, string Target, string Type = ServiceSecretRef.FileType, bool FromVault = false,
    int? Mode = null, int? Uid = null, int? Gid = null)
{
    public const string FileType = "file";
    public const string EnvType = "env";
}
