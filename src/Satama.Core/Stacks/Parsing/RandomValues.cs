using System.Text;

namespace Satama.Core.Stacks.Parsing;

/// <summary>Kontena's value generators, over an injected source of random integers.</summary>
internal static class RandomValues
{
    public static readonly Dictionary<string, string> Charsets = new(StringComparer.Ordinal)
    {
        ["ascii_printable"] = string.Concat(Enumerable.Range(33, 94).Select(c => (char)c)),
        ["alphanumeric"] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        ["alpha"] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        ["alpha_upcase"] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        ["alpha_downcase"] = "abcdefghijklmnopqrstuvwxyz",
        ["numeric"] = "0123456789",
        ["hex"] = "0123456789abcdef",
        ["hex_upcase"] = "0123456789ABCDEF",
    };

    public static string String(Func<int, int> random, int length, string charset)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append(charset[random(charset.Length)]);
        }
        return sb.ToString();
    }

    /// <summary>An integer in [min, max], both included.</summary>
    public static long Number(Func<int, int> random, long min, long max)
    {
        var span = max - min + 1;
        if (span is > 0 and <= int.MaxValue)
        {
            return min + random((int)span);
        }
        // Wider than one draw: combine two draws, accepting a negligible bias for such ranges.
        var value = ((long)random(int.MaxValue) << 31) | (long)random(int.MaxValue);
        return min + (long)((ulong)value % (ulong)span);
    }

    /// <summary>A version 4 UUID.</summary>
    public static string Uuid(Func<int, int> random)
    {
        var bytes = new byte[16];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)random(256);
        }
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
