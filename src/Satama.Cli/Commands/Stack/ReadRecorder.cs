using System.Collections;

namespace Satama.Cli.Commands.Stack;

/// <summary>
/// The environment as the stack parser sees it: looked up one name at a time, and every name found is recorded, so
/// that the master receives exactly the environment variables the file read, and nothing else of the user's shell.
/// </summary>
internal sealed class ReadRecorder(Func<string, string?> read) : IReadOnlyDictionary<string, string>
{
    private readonly Dictionary<string, string> _read = new(StringComparer.Ordinal);

    /// <summary>What was read so far: name → value.</summary>
    public IReadOnlyDictionary<string, string> Read => _read;

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => _read.Keys;

    public IEnumerable<string> Values => _read.Values;

    public int Count => _read.Count;

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, out string value)
    {
        if (read(key) is { } found)
        {
            _read[key] = found;
            value = found;
            return true;
        }
        value = "";
        return false;
    }

    // Enumerating gives what was read, never the whole environment.
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _read.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
