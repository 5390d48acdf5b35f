using System.Collections;

namespace Satama.Core.Stacks.Model;

/// <summary>
/// An immutable string-keyed map, ordered by key (ordinal) and compared by value, so that
/// serialization is deterministic and records holding it compare by value.
/// </summary>
public sealed class ValueMap<TValue> : IReadOnlyDictionary<string, TValue>, IEquatable<ValueMap<TValue>>
{
    private readonly SortedDictionary<string, TValue> _items;

    public ValueMap(IEnumerable<KeyValuePair<string, TValue>> items)
    {
        _items = new SortedDictionary<string, TValue>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            _items[item.Key] = item.Value;
        }
    }

    public static ValueMap<TValue> Empty { get; } = new([]);

    public TValue this[string key] => _items[key];

    public IEnumerable<string> Keys => _items.Keys;

    public IEnumerable<TValue> Values => _items.Values;

    public int Count => _items.Count;

    public bool ContainsKey(string key) => _items.ContainsKey(key);

    public bool TryGetValue(string key, out TValue value) => _items.TryGetValue(key, out value!);

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(ValueMap<TValue>? other) =>
        other is not null && other.Count == Count &&
        _items.All(kv => other._items.TryGetValue(kv.Key, out var v) && EqualityComparer<TValue>.Default.Equals(kv.Value, v));

    public override bool Equals(object? obj) => Equals(obj as ValueMap<TValue>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var kv in _items)
        {
            hash.Add(kv.Key);
            hash.Add(kv.Value);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", _items.Select(kv => $"{kv.Key}: {kv.Value}")) + "}";

    public static implicit operator ValueMap<TValue>(Dictionary<string, TValue> items) => new(items);
}
