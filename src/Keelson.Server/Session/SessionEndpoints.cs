using System.Text.Json.Nodes;
using Keelson.Server.Auth;
using Keelson.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Server.Session;

/// <summary>
/// <c>/api/v1/session</c>: login (a token in the body and as the <c>argocd.token</c> cookie), logout (the session is
/// revoked and the cookie cleared) and <c>userinfo</c>, as Argo CD's SessionService.
/// </summary>
public static class SessionEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/session", LoginAsync);
        routes.MapGet("/api/v1/session/userinfo", UserInfoAsync);
        routes.MapGroup("/api/v1/session").RequireCaller().MapDelete("", Logout);
    }

    private static async Task<IResult> LoginAsync(HttpContext context, SessionManager sessions)
    {
        var (body, error) = await RequestBody.ReadObjectAsync(context);
        if (body is null) return error!;
        var username = body["username"]?.ToString() ?? "";
        var password = body["password"]?.ToString() ?? "";
        var login = await sessions.LoginAsync(username, password, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        if (login.Value is not { } token) return ArgoError.From(login.Error!);
        if (AuthCookie.SetCookieHeaders(token, secure: context.Request.IsHttps).Value is { } cookies)
            foreach (var cookie in cookies) context.Response.Headers.Append("Set-Cookie", cookie);
        return Results.Content(new JsonObject { ["token"] = token }.ToJsonString(), "application/json");
    }

    private static IResult Logout(HttpContext context, SessionManager sessions)
    {
        if (SessionAuthenticator.Token(context) is { } token) sessions.RevokeSession(token);
        foreach (var cookie in AuthCookie.ClearCookieHeaders(context.Request.Cookies.Keys))
            context.Response.Headers.Append("Set-Cookie", cookie);
        return Results.Content("""{"token":""}""", "application/json");
    }

    /// <summary>Who the session is: <c>{"loggedIn":false}</c> without a valid one (this endpoint needs none).</summary>
    private static async Task<IResult> UserInfoAsync(HttpContext context, IAuthenticator authenticator)
    {
        var outcome = await authenticator.AuthenticateAsync(context);
        if (outcome.Claims is not { Subject.Length: > 0 } claims) return Results.Content("""{"loggedIn":false}""", "application/json");
        var groups = claims.Values.GetValueOrDefault("groups") ?? [];
        var info = new JsonObject
        {
            ["loggedIn"] = true,
            ["username"] = claims.Subject,
            ["iss"] = AuthNames.Issuer,
            ["groups"] = new JsonArray(groups.Select(g => (JsonNode)g).ToArray()),
        };
        return Results.Content(info.ToJsonString(), "application/json");
    }
}
