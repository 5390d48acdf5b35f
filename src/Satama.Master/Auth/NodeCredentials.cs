using System.Security.Cryptography;
using System.Text;
using Satama.Core.Model;
using Satama.Master.Audit;
using Satama.Master.Store;
using Satama.Protocol;

namespace Satama.Master.Auth;

/// <summary>
/// Who may hold an agent link. A node joins with its grid's token and gets a node credential in
/// its Welcome (stored here as a hash); from then on it presents the credential, so rotating the
/// grid token only changes who may join. Removing the node deletes its credential: the node is
/// refused from its next Hello on.
/// </summary>
internal sealed class NodeCredentials(IStore store, TimeProvider time, AuditLog audit)
{
    /// <summary>The audit actor of an agent: "node:GRID/NAME".</summary>
    public static string Actor(string grid, string node) => $"node:{grid}/{node}";

    /// <summary>The grid the node belongs to and whether it needs a credential issued; or why it may not connect.</summary>
    public sealed record Admission(string? Grid, bool Issue, string Reason, bool Revoked = false);

    public async Task<Admission> AdmitAsync(Hello hello, Func<string, string, bool> isOnline, CancellationToken ct)
    {
        if (Names.Check("node", hello.Node?.Name) is { } nameError)
        {
            return new Admission(null, false, nameError);
        }
        var node = hello.Node!.Name;
        if (hello.NodeCredential.Length > 0)
        {
            var hash = Encoding.UTF8.GetBytes(TokenHash.Of(hello.NodeCredential));
            foreach (var row in await store.ListAsync(IdentityKinds.NodeCredential, null, ct))
            {
                if (row.Name == node && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(StoreJson.Read<NodeCredentialDocument>(row.Spec).Hash), hash))
                {
                    return new Admission(row.Grid, false, "");
                }
            }
            return new Admission(null, false,
                $"the node credential of '{node}' is not valid: the node was removed from its grid (or this is another master); to join again, " +
                "delete node-credential in the agent's data directory and start it with a current grid token", Revoked: true);
        }
        var presented = Encoding.UTF8.GetBytes(hello.GridToken ?? "");
        var presentedHash = TokenHash.Of(hello.GridToken ?? "");
        foreach (var row in await store.ListAsync(ResourceKinds.Grid, "", ct))
        {
            var document = StoreJson.Read<GridDocument>(row.Spec);
            var current = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(document.Token), presented);
            var retired = !current && document.RetiredTokenHashes?.Contains(presentedHash) == true;
            if (!current && !retired)
            {
                continue;
            }
            var credential = await store.GetAsync(IdentityKinds.NodeCredential, row.Name, node, ct);
            if (credential is not null && isOnline(row.Name, node))
            {
                return new Admission(null, false,
                    $"node '{node}' of grid '{row.Name}' is online with its node credential; a grid token cannot take its place (pick another node name)");
            }
            if (retired && (credential is not null || await store.GetAsync(ResourceKinds.Node, row.Name, node, ct) is null))
            {
                // A rotated token lets an old agent without a credential back in once, never a new node.
                return new Admission(null, false,
                    $"the grid token was rotated: node '{node}' needs the current token from 'satama grid show {row.Name}'");
            }
            return new Admission(row.Name, true, "");
        }
        return new Admission(null, false, "invalid grid token: copy it from 'satama grid show GRID'");
    }

    /// <summary>
    /// A new credential for the node (replacing any earlier one); the value goes only into the Welcome.
    /// The join is an audit event of the node itself (action node.join) from <paramref name="peer"/> (gRPC's "ipv4:1.2.3.4:5678").
    /// </summary>
    public async Task<string> IssueAsync(string grid, string node, string peer, CancellationToken ct)
    {
        var value = TokenHash.NewToken();
        var spec = StoreJson.Write(new NodeCredentialDocument(TokenHash.Of(value), time.GetUtcNow()));
        if (await store.CreateAsync(IdentityKinds.NodeCredential, grid, node, spec, "{}", ct) is null
            && await store.UpdateWithRetryAsync(IdentityKinds.NodeCredential, grid, node, _ => (spec, null), ct) is null)
        {
            await store.CreateAsync(IdentityKinds.NodeCredential, grid, node, spec, "{}", ct);
        }
        await audit.AppendAsync(new AuditEntry(Actor(grid, node), "node.join", node, grid, Source(peer), 200), CancellationToken.None);
        return value;
    }

    // "ipv4:127.0.0.1:5678" or "ipv6:[::1]:5678" -> the address alone, as REST events show it.
    private static string Source(string peer)
    {
        var address = peer.StartsWith("ipv4:", StringComparison.Ordinal) || peer.StartsWith("ipv6:", StringComparison.Ordinal) ? peer[5..] : peer;
        var colon = address.LastIndexOf(':');
        address = colon > 0 ? address[..colon] : address;
        return address.Trim('[', ']');
    }

    /// <summary>Deletes the node's credential; true when it had one.</summary>
    public async Task<bool> RevokeAsync(string grid, string node, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var row = await store.GetAsync(IdentityKinds.NodeCredential, grid, node, ct);
            if (row is null)
            {
                return attempt > 0;
            }
            if (await store.DeleteAsync(IdentityKinds.NodeCredential, grid, node, row.Revision, ct))
            {
                return true;
            }
        }
        return false;
    }
}
