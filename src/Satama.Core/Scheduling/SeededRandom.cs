namespace Satama.Core.Scheduling;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by its seed forever (System.Random's seeded
/// sequence is not promised across .NET versions), so a plan replays exactly from its seed.
/// </summary>
internal sealed class SeededRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number from 0 to <paramref name="count"/> - 1.</summary>
    public int Next(int count) => (int)(Next() % (ulong)count);

    /// <summary>Fisher-Yates, in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>FNV-1a of the text mixed into <paramref name="seed"/>: one stream per service under one seed.</summary>
    public static ulong Mix(ulong seed, string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }
        return seed ^ hash;
    }
}
