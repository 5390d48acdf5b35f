using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Satama.Master.Audit;

/// <summary>
/// The hash chain: each event stores SHA-256(previous hash + canonical event), so changing,
/// inserting or deleting a row breaks every hash after it.
/// </summary>
internal static class AuditChain
{
    /// <summary>The "previous hash" of the first event.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>
    /// The event's fields (not its hashes) as a compact JSON array in a fixed order: unambiguous
    /// (strings are quoted and escaped) and independent of culture and of property names.
    /// </summary>
    public static string Canonical(long id, DateTimeOffset time, string actor, string action, string resource, string grid,
        string source, string outcome, int status)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteNumberValue(id);
            json.WriteNumberValue(time.ToUnixTimeMilliseconds());
            json.WriteStringValue(actor);
            json.WriteStringValue(action);
            json.WriteStringValue(resource);
            json.WriteStringValue(grid);
            json.WriteStringValue(source);
            json.WriteStringValue(outcome);
            json.WriteNumberValue(status);
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Hash(string previousHash, string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + canonical)));

    /// <summary>The hash <paramref name="e"/> should carry given its own previous hash.</summary>
    public static string Expected(AuditEvent e) =>
        Hash(e.PreviousHash, Canonical(e.Id, e.Time, e.Actor, e.Action, e.Resource, e.Grid, e.Source, e.Outcome, e.Status));
}
