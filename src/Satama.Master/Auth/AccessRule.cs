using Microsoft.AspNetCore.Builder;
using Satama.Core.Security;

namespace Satama.Master.Auth;

/// <summary>
/// Endpoint metadata: what the endpoint asks of its caller. <see cref="AccessMiddleware"/> enforces it;
/// an endpoint without one is refused to everyone (and fails the route-matrix test).
/// </summary>
internal sealed record AccessRule(Access Access);

internal static class AccessRuleExtensions
{
    /// <summary>The one way an endpoint states who may call it: <c>MapGet(...).RequireAccess(Access.Viewer)</c>.</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, Access access) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRule(access));
}
