using System.Text.Json;
using System.Text.Json.Serialization;

namespace Satama.Agent.Reconciler;

/// <summary>
/// Small JSON state files in the data dir, written atomically (temp file + rename) so a
/// crash mid-write leaves the previous version, never half a file. Owner-only: a desired
/// set carries container environments, which may hold credentials.
/// </summary>
internal static class JsonFile
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private static readonly FileStreamOptions s_create = CreateOptions();

    /// <summary>The file's content, or null when it does not exist.</summary>
    /// <exception cref="JsonException">The file is not valid JSON of <typeparamref name="T"/>.</exception>
    public static T? Read<T>(string path) where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, s_options);
    }

    public static void Write<T>(string path, T value)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, s_create))
        {
            JsonSerializer.Serialize(stream, value, s_options);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    private static FileStreamOptions CreateOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return options;
    }
}
