using Keelson.Server.Rbac;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Keelson.Server.Http;

/// <summary>The authenticated caller of a request, put there by <see cref="RequireCaller"/>.</summary>
public static class CallerExtensions
{
    private const string Key = "keelson.claims";

    /// <summary>The caller's claims; only inside a group that has <see cref="RequireCaller"/>.</summary>
    public static RbacClaims Caller(this HttpContext context) =>
        context.Items[Key] as RbacClaims ?? throw new InvalidOperationException("the endpoint is not behind RequireCaller");

    /// <summary>Every endpoint of the group needs an authenticated caller: a request without one gets Argo's 401.</summary>
    public static RouteGroupBuilder RequireCaller(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            var outcome = await context.RequestServices.GetRequiredService<IAuthenticator>().AuthenticateAsync(context);
            if (outcome.Claims is null) return ArgoError.Result(GrpcCode.Unauthenticated, outcome.Failure ?? "no session information");
            context.Items[Key] = outcome.Claims;
            return await next(invocation);
        });
        return group;
    }
}
