using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Satama.Cli.Contexts;

/// <summary>
/// Reads and writes the CLI config file. It holds tokens, so it is written with mode 0600
/// (its directory 0700), atomically (temp file + rename) so a crash never leaves half a file.
/// </summary>
internal sealed class ConfigStore(string path)
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    private static readonly IDeserializer s_deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    private static readonly ISerializer s_serializer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithQuotingNecessaryStrings()
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    public string Path { get; } = path;

    public CliConfig Load()
    {
        if (!File.Exists(Path))
        {
            return new CliConfig();
        }
        try
        {
            return s_deserializer.Deserialize<CliConfig?>(File.ReadAllText(Path)) ?? new CliConfig();
        }
        catch (YamlException e)
        {
            throw new CliException($"cannot read {Path}: {e.Message}");
        }
    }

    public void Save(CliConfig config)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }
        var temp = $"{Path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile };
        using (var writer = new StreamWriter(temp, options))
        {
            writer.Write(s_serializer.Serialize(config));
        }
        // umask can only remove bits, but be explicit: the file holds bearer tokens.
        File.SetUnixFileMode(temp, OwnerOnlyFile);
        File.Move(temp, Path, overwrite: true);
    }
}
