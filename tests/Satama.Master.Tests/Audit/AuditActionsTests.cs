using Satama.Master.Audit;

namespace Satama.Master.Tests.Audit;

public sealed class AuditActionsTests
{
    [Theory]
    [InlineData("POST", "/v1/grids", "grid.create")]
    [InlineData("DELETE", "/v1/grids/{grid}", "grid.delete")]
    [InlineData("PATCH", "/v1/grids/{grid}", "grid.update")]
    [InlineData("POST", "/v1/grids/{grid}/stacks/{stack}/services/{service}/scale", "service.scale")]
    [InlineData("PATCH", "/v1/grids/{grid}/nodes/{node}/labels", "node.label")]
    [InlineData("PUT", "/v1/grids/{grid}/stacks/{stack}", "stack.update")]
    [InlineData("POST", "/v1/grids/{grid}/secrets", "secret.create")]
    [InlineData("DELETE", "/v1/grids/{grid}/secrets/{name}", "secret.delete")]
    [InlineData("POST", "/v1/users/{user}/tokens/{id}/revoke", "token.revoke")]
    [InlineData("POST", "/v1/grids/{grid}/stacks/{stack}/rollback", "stack.rollback")]
    [InlineData("POST", "/v1/policies", "policy.create")]
    [InlineData("POST", "/v1/addresses", "address.create")]
    [InlineData("POST", "/v1/grids/{grid}/rotate-token", "grid.rotate-token")]
    public void Actions_come_from_the_table_or_from_the_route(string method, string pattern, string expected) =>
        Assert.Equal(expected, AuditActions.Of(method, pattern));

    [Fact]
    public void Resources_come_from_route_values_after_the_grid()
    {
        var values = new Microsoft.AspNetCore.Routing.RouteValueDictionary { ["grid"] = "prod", ["stack"] = "null", ["service"] = "web" };

        var (resource, grid) = AuditTargets.FromRoute([null, "grid", null, "stack", null, "service"], values);

        Assert.Equal(("null/web", "prod"), (resource, grid));
    }

    [Theory]
    [InlineData("/v1/grids/prod", "prod", "prod")]
    [InlineData("/v1/grids/prod/stacks/null/services/web", "null/web", "prod")]
    [InlineData("https://m:7443/v1/grids/prod/secrets/db-password", "db-password", "prod")]
    public void A_created_resource_is_read_from_its_location(string location, string resource, string grid) =>
        Assert.Equal((resource, grid), AuditTargets.FromLocation(location));
}
