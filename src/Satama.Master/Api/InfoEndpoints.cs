using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Satama.Client.Dtos;
using Satama.Core.Security;
using Satama.Master.Auth;
using Satama.Master.Hosting;
using Satama.Master.Store;

namespace Satama.Master.Api;

/// <summary>GET /v1/info: open to everyone, so a client can check what it talks to before it logs in.</summary>
internal static class InfoEndpoints
{
    public static void MapInfoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/info", async (IStore store, MasterContext master, CancellationToken ct) =>
        {
            var grids = await store.ListAsync(ResourceKinds.Grid, "", ct);
            return TypedResults.Ok(new InfoDto("satama-master", master.Version, master.CaFingerprint, grids.Select(g => g.Name).ToList()));
        }).WithTags("Info").RequireAccess(Access.Public);
    }
}
