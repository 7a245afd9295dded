using System.Text.Json.Nodes;
using Keelson.Server.Auth;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Server.Accounts;

/// <summary>
/// <c>/api/v1/account</c>: Argo CD's AccountService — local accounts (what the caller may get), <c>can-i</c>, password
/// changes and API keys. A caller may manage its own password and keys; another account's need <c>accounts, update</c>.
/// </summary>
public static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/account").RequireCaller();
        group.MapGet("", ListAsync);
        group.MapGet("/can-i/{resource}/{action}/{**subresource}", CanI);
        group.MapPut("/password", UpdatePasswordAsync);
        group.MapGet("/{name}", GetAsync);
        group.MapPost("/{name}/token", GenerateTokenAsync);
        group.MapDelete("/{name}/token/{id}", RevokeTokenAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, SessionManager sessions, RbacService rbac)
    {
        var claims = context.Caller();
        var items = (await sessions.ListAccountsAsync(context.RequestAborted))
            .Where(a => rbac.Enforcer.EnforceClaims(claims, new RbacRequest(RbacResource.Accounts, RbacAction.Get, a.Name)).Allowed)
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .Select(Account);
        return Json(new JsonObject { ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()) });
    }

    private static async Task<IResult> GetAsync(HttpContext context, string name, SessionManager sessions, RbacService rbac)
    {
        var decision = rbac.Enforcer.EnforceClaims(context.Caller(), new RbacRequest(RbacResource.Accounts, RbacAction.Get, name));
        if (!decision.Allowed) return ArgoError.PermissionDenied(decision.DenialMessage!);
        var account = (await sessions.ListAccountsAsync(context.RequestAborted)).FirstOrDefault(a => a.Name == name);
        return account is null ? ArgoError.NotFound($"account '{name}' does not exist") : Json(Account(account));
    }

    /// <summary>
    /// GET /api/v1/account/can-i/{resource}/{action}/{subresource}: <c>{"value":"yes"}</c> or <c>"no"</c>. A fine-grained
    /// action holds slashes (<c>action/apps/Deployment/restart</c>, <c>delete//Pod/ns/name</c>), so it comes as one
    /// segment with them escaped; the gateway decodes path parameters, and so does this (the server leaves %2F as is).
    /// </summary>
    private static IResult CanI(HttpContext context, string resource, string action, string subresource, RbacService rbac)
    {
        var request = new RbacRequest(Unescape(resource), Unescape(action), Unescape(subresource));
        var allowed = rbac.Enforcer.EnforceClaims(context.Caller(), request).Allowed;
        return Json(new JsonObject { ["value"] = allowed ? "yes" : "no" });
    }

    private static string Unescape(string segment) => segment.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private static async Task<IResult> UpdatePasswordAsync(HttpContext context, SessionManager sessions, RbacService rbac)
    {
        var (body, error) = await RequestBody.ReadObjectAsync(context);
        if (body is null) return error!;
        var caller = context.Caller().Subject;
        var name = body["name"]?.ToString() is { Length: > 0 } n ? n : caller;
        if (name != caller && Denied(context, rbac, name) is { } denied) return denied;
        var failure = await sessions.UpdatePasswordAsync(caller, body["currentPassword"]?.ToString() ?? "", body["newPassword"]?.ToString() ?? "", name, context.RequestAborted);
        return failure is null ? Json(new JsonObject()) : ArgoError.From(failure);
    }

    private static async Task<IResult> GenerateTokenAsync(HttpContext context, string name, SessionManager sessions, RbacService rbac)
    {
        if (name != context.Caller().Subject && Denied(context, rbac, name) is { } denied) return denied;
        var (body, error) = await RequestBody.ReadObjectAsync(context, allowEmpty: true);
        if (body is null) return error!;
        if (RequestBody.ExpiresIn(body, out var seconds) is { } invalid) return invalid;
        var id = body["id"]?.ToString() is { Length: > 0 } i ? i : null;
        var token = await sessions.GenerateTokenAsync(name, id, seconds > 0 ? TimeSpan.FromSeconds(seconds) : null, context.RequestAborted);
        return token.Value is { } value ? Json(new JsonObject { ["token"] = value }) : ArgoError.From(token.Error!);
    }

    private static async Task<IResult> RevokeTokenAsync(HttpContext context, string name, string id, SessionManager sessions, RbacService rbac)
    {
        if (name != context.Caller().Subject && Denied(context, rbac, name) is { } denied) return denied;
        var failure = await sessions.RevokeTokenAsync(name, id, context.RequestAborted);
        return failure is null ? Json(new JsonObject()) : ArgoError.From(failure);
    }

    /// <summary>Another account's password or keys need <c>accounts, update, NAME</c>.</summary>
    private static IResult? Denied(HttpContext context, RbacService rbac, string name)
    {
        var decision = rbac.Enforcer.EnforceClaims(context.Caller(), new RbacRequest(RbacResource.Accounts, RbacAction.Update, name));
        return decision.Allowed ? null : ArgoError.PermissionDenied(decision.DenialMessage!);
    }

    private static JsonObject Account(LocalAccount account)
    {
        var json = new JsonObject
        {
            ["name"] = account.Name,
            ["enabled"] = account.Enabled,
            ["capabilities"] = new JsonArray(account.Capabilities.Select(c => (JsonNode)c.Name()).ToArray()),
        };
        if (account.Tokens.Count > 0)
        {
            json["tokens"] = new JsonArray(account.Tokens.Select(t =>
            {
                var token = new JsonObject { ["id"] = t.Id, ["issuedAt"] = t.IssuedAt };
                if (t.ExpiresAt > 0) token["expiresAt"] = t.ExpiresAt;
                return (JsonNode)token;
            }).ToArray());
        }
        return json;
    }

    private static IResult Json(JsonNode json) => Results.Content(json.ToJsonString(), "application/json");
}
