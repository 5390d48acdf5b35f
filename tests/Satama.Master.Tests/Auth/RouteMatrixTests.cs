using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Core.Security;
using Satama.Master.Auth;
using Satama.Master.Tests.Infrastructure;

namespace Satama.Master.Tests.Auth;

/// <summary>
/// Walks every route of the master's endpoint table: each has an access rule equal to the matrix
/// in docs/security.md, none answers without a token but the public ones, and each role gets
/// exactly what the matrix says, on its own grid and nothing on another.
/// </summary>
public sealed class RouteMatrixTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    /// <summary>The only routes that answer without a token.</summary>
    private static readonly HashSet<string> s_public = new(StringComparer.Ordinal) { "GET /v1/info", "GET /openapi/{documentName}.json" };

    /// <summary>The agent link: authenticated inside the stream (AgentLinkCredentialTests), not with a bearer token.</summary>
    private static readonly HashSet<string> s_agent = new(StringComparer.Ordinal) { "POST /satama.agent.v1.AgentLink/Connect" };

    private TestMaster Master => fixture.Master;

    [Fact]
    public void Every_endpoint_has_the_access_rule_the_matrix_gives_it_and_every_matrix_row_is_an_endpoint()
    {
        var matrix = AccessMatrix.Load();
        var endpoints = Endpoints();
        var problems = new List<string>();
        foreach (var (key, rule) in endpoints)
        {
            if (rule is null)
            {
                problems.Add($"{key} has no access rule: add .RequireAccess(Access.X) where it is mapped, and a row in docs/security.md");
            }
            else if (!matrix.Rows.TryGetValue(key, out var row))
            {
                problems.Add($"{key} is not in the route matrix of docs/security.md: add '| {key.Replace(" ", " | ", StringComparison.Ordinal)} | {Name(rule.Access)} | ... |'");
            }
            else if (row.Access != Name(rule.Access))
            {
                problems.Add($"{key} requires {Name(rule.Access)} but docs/security.md says {row.Access}");
            }
        }
        problems.AddRange(matrix.Rows.Keys.Where(k => !endpoints.ContainsKey(k)).Select(k => $"docs/security.md lists {k}, which the master does not map"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_matrix_role_columns_follow_from_each_route_s_access()
    {
        foreach (var row in AccessMatrix.Load().Rows.Values)
        {
            var expected = row.Access switch
            {
                "public" or "authenticated" => AccessMatrix.RoleColumns,
                "agent" => [],
                _ => AccessMatrix.RoleColumns.Where(r => Roles.Rank(r) >= Roles.Rank(row.Access)).ToArray(),
            };
            Assert.True(expected.ToHashSet().SetEquals(row.Roles), $"{row.Key}: access {row.Access} admits {string.Join(", ", expected)}, the matrix says {string.Join(", ", row.Roles)}");
        }
    }

    [Fact]
    public void Only_the_listed_routes_are_public_or_agent()
    {
        var endpoints = Endpoints();
        Assert.Equal(s_public.Order(), endpoints.Where(e => e.Value?.Access == Access.Public).Select(e => e.Key).Order());
        Assert.Equal(s_agent.Order(), endpoints.Where(e => e.Value?.Access == Access.Agent).Select(e => e.Key).Order());
    }

    [Fact]
    public async Task No_route_answers_without_a_valid_token_but_the_public_ones()
    {
        var grid = await Master.NewGridAsync();
        using var anonymous = Master.RawHttp(token: null);
        anonymous.DefaultRequestHeaders.Authorization = null;
        var answered = new List<string>();
        foreach (var key in Endpoints().Keys.Where(k => !s_agent.Contains(k)))
        {
            var status = await SendAsync(anonymous, key, grid.Name);
            if (s_public.Contains(key))
            {
                Assert.True(status is not HttpStatusCode.Unauthorized and not HttpStatusCode.Forbidden, $"{key} is public but answered {status}");
            }
            else if (status != HttpStatusCode.Unauthorized)
            {
                answered.Add($"{key} answered {(int)status} without a token");
            }
        }
        Assert.True(answered.Count == 0, string.Join("\n", answered));
    }

    [Fact]
    public async Task A_revoked_or_unknown_token_gets_401_on_a_route_its_user_may_use()
    {
        var grid = await Master.NewGridAsync();
        var user = await NewUserAsync(Roles.Viewer, grid.Name);
        using var client = Master.ClientWithToken(user.Token);
        Assert.NotEmpty(await client.ListGridsAsync());

        await Master.Client.RevokeTokenAsync(user.TokenId, user.Name);

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => client.ListNodesAsync(grid.Name));
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
    }

    [Theory]
    [InlineData("master_admin")]
    [InlineData("grid_admin")]
    [InlineData("grid_user")]
    [InlineData("viewer")]
    public async Task Each_role_gets_exactly_what_the_matrix_says(string role)
    {
        var matrix = AccessMatrix.Load();
        var grid = await Master.NewGridAsync();
        var other = await Master.NewGridAsync();
        var user = await NewUserAsync(role, grid.Name);
        // The same role on another grid admits nothing on this one (master_admin has no grid).
        var outsider = role == Roles.MasterAdmin ? null : await NewUserAsync(role, other.Name);
        using var http = Master.RawHttp(user.Token);
        using var outsiderHttp = outsider is null ? null : Master.RawHttp(outsider.Token);
        var wrong = new List<string>();
        // Grid removal last: the other routes still find the grid.
        foreach (var row in matrix.Rows.Values.Where(r => r.Access != "agent").OrderBy(r => r.Key == "DELETE /v1/grids/{grid}"))
        {
            var allowed = row.Roles.Contains(role);
            if (outsiderHttp is not null)
            {
                var outsiderStatus = await SendAsync(outsiderHttp, row.Key, grid.Name);
                var outsiderAllowed = row.Access is "public" or "authenticated";
                if (outsiderAllowed != IsAdmitted(outsiderStatus))
                {
                    wrong.Add($"{row.Key}: a {role} of another grid got {(int)outsiderStatus}");
                }
            }
            var status = await SendAsync(http, row.Key, grid.Name);
            if (allowed != IsAdmitted(status))
            {
                wrong.Add($"{row.Key}: {role} got {(int)status}, the matrix says {(allowed ? "allowed" : "forbidden (403)")}");
            }
            else if (!allowed && status != HttpStatusCode.Forbidden)
            {
                wrong.Add($"{row.Key}: {role} got {(int)status}, not 403");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task A_token_capped_at_viewer_reads_but_does_not_deploy_even_for_a_master_admin()
    {
        var grid = await Master.NewGridAsync();
        var created = await Master.Client.CreateTokenAsync(new TokenCreateRequest("ro", Roles.Viewer));
        using var client = Master.ClientWithToken(created.Value);

        Assert.Empty(await client.ListServicesAsync(grid.Name));
        var error = await Assert.ThrowsAsync<SatamaApiException>(() => client.ScaleServiceAsync(grid.Name, "null", "web", 2));
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Contains("limited to viewer", error.Detail);
        var mint = await Assert.ThrowsAsync<SatamaApiException>(() => client.CreateTokenAsync(new TokenCreateRequest("escalate", Roles.MasterAdmin)));
        Assert.Equal(HttpStatusCode.BadRequest, mint.Status);
        Assert.Equal(Roles.Viewer, (await client.CreateTokenAsync(new TokenCreateRequest("again"))).Token.Role);
    }

    [Fact]
    public async Task Removing_a_grid_revokes_its_grants_so_a_new_grid_of_that_name_starts_clean()
    {
        var grid = await Master.NewGridAsync();
        var user = await NewUserAsync(Roles.GridAdmin, grid.Name);

        await Master.Client.DeleteGridAsync(grid.Name);
        await Master.Client.CreateGridAsync(new GridCreateRequest(grid.Name));

        using var client = Master.ClientWithToken(user.Token);
        var error = await Assert.ThrowsAsync<SatamaApiException>(() => client.ListNodesAsync(grid.Name));
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.DoesNotContain(await Master.Client.ListRolesAsync(), r => r.User == user.Name);
    }

    private static bool IsAdmitted(HttpStatusCode status) => status is not HttpStatusCode.Unauthorized and not HttpStatusCode.Forbidden;

    private sealed record NewUser(string Name, string Token, string TokenId);

    private async Task<NewUser> NewUserAsync(string role, string grid)
    {
        var name = Testing.UniqueNames.Next("u");
        var created = await Master.Client.CreateUserAsync(name);
        await Master.Client.GrantRoleAsync(name, role, role == Roles.MasterAdmin ? null : grid);
        return new NewUser(name, created.Token.Value, created.Token.Token.Id);
    }

    [Fact]
    public async Task The_gRPC_fallbacks_answer_only_unimplemented()
    {
        Assert.All(GrpcFallbacks(), e => Assert.True(e.Metadata.GetMetadata<AccessRule>() is null or { Access: Access.Agent }, e.DisplayName));
        using var anonymous = Master.RawHttp(token: null);
        anonymous.DefaultRequestHeaders.Authorization = null;
        foreach (var path in new[] { "/no.such.Service/NoSuchMethod", "/satama.agent.v1.AgentLink/NoSuchMethod" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent([]) { Headers = { ContentType = new("application/grpc") } },
            };

            using var response = await anonymous.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();

            Assert.Empty(body);
            var status = response.TrailingHeaders.TryGetValues("grpc-status", out var t) ? t.Single()
                : response.Headers.TryGetValues("grpc-status", out var h) ? h.Single() : null;
            Assert.True(status == "12" || response.StatusCode == HttpStatusCode.Unauthorized, $"{path}: {(int)response.StatusCode} grpc-status {status}");
        }
    }

    // gRPC maps catch-alls that answer "unimplemented" (grpc-status 12) to calls of unknown
    // methods: they serve nothing, and are not in the matrix.
    private IEnumerable<RouteEndpoint> GrpcFallbacks() =>
        Master.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(IsGrpcFallback);

    private static bool IsGrpcFallback(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.ParameterPolicies.Values.SelectMany(p => p).Any(p => p.Content == "grpcunimplemented");

    /// <summary>"METHOD /route" of every route endpoint but the gRPC fallbacks, with its access rule (null: none).</summary>
    private Dictionary<string, AccessRule?> Endpoints()
    {
        var result = new Dictionary<string, AccessRule?>(StringComparer.Ordinal);
        var source = Master.Server.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>().Where(e => !IsGrpcFallback(e)))
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            foreach (var method in methods)
            {
                result[$"{method} {route}"] = endpoint.Metadata.GetMetadata<AccessRule>();
            }
        }
        return result;
    }

    // Route values that name nothing (so allowed calls change nothing but a token or the grid
    // token), bodies that are valid JSON, and streams abandoned once their status is known.
    private static async Task<HttpStatusCode> SendAsync(HttpClient http, string key, string grid)
    {
        var method = key[..key.IndexOf(' ')];
        var path = key[(key.IndexOf(' ') + 1)..]
            .Replace("{grid}", grid, StringComparison.Ordinal).Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{node}", "no-node", StringComparison.Ordinal).Replace("{stack}", "no-stack", StringComparison.Ordinal)
            .Replace("{service}", "no-service", StringComparison.Ordinal).Replace("{container}", "no-container", StringComparison.Ordinal)
            .Replace("{name}", "NO_SECRET", StringComparison.Ordinal).Replace("{user}", "no-user", StringComparison.Ordinal)
            .Replace("{token}", "000000000000", StringComparison.Ordinal).Replace("{role}", Roles.Viewer, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        return response.StatusCode;
    }

    private static string Name(Access access) => access switch
    {
        Access.Public => "public",
        Access.Agent => "agent",
        Access.Authenticated => "authenticated",
        _ => Roles.Name(access),
    };
}
