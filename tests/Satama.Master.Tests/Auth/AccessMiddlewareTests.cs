using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Satama.Core.Security;
using Satama.Master.Auth;
using Satama.Master.Hardening;
using Satama.Master.Tests.Infrastructure;

namespace Satama.Master.Tests.Auth;

/// <summary>The middleware itself: an endpoint without a rule admits nobody, not even a master_admin.</summary>
public sealed class AccessMiddlewareTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    [Fact]
    public async Task An_endpoint_without_an_access_rule_is_refused_to_a_master_admin()
    {
        var (status, ran) = await InvokeAsync(rule: null, token: fixture.Master.Server.AdminToken);

        Assert.Equal(StatusCodes.Status403Forbidden, status);
        Assert.False(ran);
    }

    [Fact]
    public async Task Without_a_token_the_answer_is_401_whatever_the_rule()
    {
        Assert.Equal(StatusCodes.Status401Unauthorized, (await InvokeAsync(rule: null, token: null)).Status);
        Assert.Equal(StatusCodes.Status401Unauthorized, (await InvokeAsync(new AccessRule(Access.Authenticated), token: null)).Status);
        Assert.Equal(StatusCodes.Status401Unauthorized, (await InvokeAsync(new AccessRule(Access.Viewer), token: "made-up")).Status);
    }

    [Fact]
    public async Task A_public_rule_and_a_ruled_endpoint_with_the_right_role_run_the_endpoint()
    {
        Assert.True((await InvokeAsync(new AccessRule(Access.Public), token: null)).Ran);
        Assert.True((await InvokeAsync(new AccessRule(Access.GridAdmin), token: fixture.Master.Server.AdminToken)).Ran);
    }

    private async Task<(int Status, bool Ran)> InvokeAsync(AccessRule? rule, string? token)
    {
        var ran = false;
        var services = fixture.Master.Server.Services;
        var middleware = new AccessMiddleware(_ =>
        {
            ran = true;
            return Task.CompletedTask;
        }, services.GetRequiredService<Identity>(), services.GetRequiredService<FailedAuthLimiter>(), TimeProvider.System);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "GET";
        context.Request.Path = "/v1/grids/g/new-thing";
        context.Request.RouteValues["grid"] = "g";
        context.Response.Body = new MemoryStream();
        if (token is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + token;
        }
        var metadata = rule is null ? new EndpointMetadataCollection() : new EndpointMetadataCollection(rule);
        context.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/v1/grids/{grid}/new-thing"), 0, metadata, "new thing"));

        await middleware.InvokeAsync(context);

        return (context.Response.StatusCode, ran);
    }
}
