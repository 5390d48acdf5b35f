using System.Text.Json;
using Satama.Client;

namespace Satama.Cli.Hosting;

/// <summary>What a running `up` serves, written once master and agent are up (satama.json).</summary>
internal sealed record UpState(int Pid, string Url, string CaFingerprint, string AdminTokenPath, string Grid, string Node)
{
    public static UpState? Read(UpPaths paths)
    {
        try
        {
            return File.Exists(paths.StateFile)
                ? JsonSerializer.Deserialize<UpState>(File.ReadAllText(paths.StateFile), SatamaClient.Json)
                : null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            // Half-written by a starting `up`: treat as not there yet.
            return null;
        }
    }

    public void Write(UpPaths paths)
    {
        var temp = paths.StateFile + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, SatamaClient.Json));
        File.Move(temp, paths.StateFile, overwrite: true);
    }
}
