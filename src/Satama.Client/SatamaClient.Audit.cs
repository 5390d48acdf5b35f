using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Satama.Client.Dtos;

namespace Satama.Client;

public sealed partial class SatamaClient
{
    /// <summary>The newest audit events matching <paramref name="query"/>, oldest first.</summary>
    public Task<IReadOnlyList<AuditEventDto>> ListAuditAsync(AuditQuery? query = null, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<AuditEventDto>>("v1/audit" + AuditQueryString(query), ct);

    /// <summary>The matching events as <see cref="ListAuditAsync"/> gives them, then each new one as it is recorded, until cancelled.</summary>
    public async IAsyncEnumerable<AuditEventDto> FollowAuditAsync(AuditQuery? query = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var line in LinesAsync("v1/audit/stream" + AuditQueryString(query), ct))
        {
            if (line.Length > 0 && JsonSerializer.Deserialize<AuditEventDto>(line, Json) is { } e)
            {
                yield return e;
            }
        }
    }

    /// <summary>Checks the whole hash chain on the master.</summary>
    public Task<AuditVerifyDto> VerifyAuditAsync(CancellationToken ct = default) =>
        SendAsync<AuditVerifyDto>(HttpMethod.Post, "v1/audit/verify", null, ct);

    private static string AuditQueryString(AuditQuery? query)
    {
        if (query is null)
        {
            return "";
        }
        var parts = new List<string>();
        if (query.Grid is { } grid)
        {
            parts.Add("grid=" + E(grid));
        }
        if (query.Actor is { } actor)
        {
            parts.Add("actor=" + E(actor));
        }
        if (query.Since is { } since)
        {
            parts.Add("since=" + E(since.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)));
        }
        if (query.Limit is { } limit)
        {
            parts.Add("limit=" + limit.ToString(CultureInfo.InvariantCulture));
        }
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
