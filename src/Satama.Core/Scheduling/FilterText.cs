using System.Globalization;

namespace Satama.Core.Scheduling;

/// <summary>Plural-aware phrases for unplaced reasons ("1 node has", "2 nodes have").</summary>
internal static class FilterText
{
    public static string Nodes(int count, string singular, string plural) =>
        $"{count} node{(count == 1 ? "" : "s")} {(count == 1 ? singular : plural)}";

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Bytes in the unit that suits <paramref name="scale"/>: GiB from 1 GiB up, else MiB.</summary>
    public static string Bytes(long value, long scale, bool withUnit = true)
    {
        var gib = scale >= 1L << 30;
        var number = Number(value / (double)(gib ? 1L << 30 : 1L << 20));
        return withUnit ? $"{number} {(gib ? "GiB" : "MiB")}" : number;
    }
}
