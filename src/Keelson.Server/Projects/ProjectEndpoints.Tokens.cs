using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Resources;
using Keelson.Server.Applications;
using Keelson.Server.Auth;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Projects;

public static partial class ProjectEndpoints
{
    private const int ConflictRetries = 5;

    /// <summary>
    /// POST /api/v1/projects/{project}/roles/{role}/token <c>{expiresIn, id, description}</c> → <c>{"token"}</c>: signs
    /// a token for <c>proj:&lt;project&gt;:&lt;role&gt;</c> and lists it (<c>{iat, exp, id}</c>) in the role's
    /// <c>jwtTokens</c> and <c>status.jwtTokensByRole</c>. Needs <c>projects, update</c> or membership of the role's groups.
    /// </summary>
    private static async Task<IResult> CreateTokenAsync(HttpContext context, string project, string role, RbacService rbac, ServerOptions options,
        KubeClient control, SessionManager sessions)
    {
        var (body, error) = await RequestBody.ReadObjectAsync(context, allowEmpty: true);
        if (body is null) return error!;
        if (RequestBody.ExpiresIn(body, out var seconds) is { } invalid) return invalid;
        var requestedId = body["id"]?.ToString() ?? "";
        var type = await TypeAsync(control, context.RequestAborted);
        for (var attempt = 0; ; attempt++)
        {
            if (await control.GetAsync(type, options.ControlNamespace, project, context.RequestAborted) is not { } stored) return NotFound(project);
            if (RoleOf(stored, role) is not { } spec) return ArgoError.NotFound($"project '{project}' does not have role '{role}'");
            if (TokenDenied(context, rbac, project, spec) is { } denied) return denied;
            if (requestedId.Length > 0 && ProjectTokens.HasId(stored, role, requestedId))
                return ArgoError.InvalidArgument($"Token id '{requestedId}' has been used: choose another id or leave it empty for a new one");
            var id = requestedId.Length > 0 ? requestedId : Guid.NewGuid().ToString();
            var token = await sessions.CreateTokenAsync($"proj:{project}:{role}", seconds > 0 ? TimeSpan.FromSeconds(seconds) : null, id, context.RequestAborted);
            if (HmacJwt.Read(token, out var parts) is not null) throw new InvalidOperationException("a token this server just signed could not be read back");
            ProjectTokens.Add(stored, role, RbacClaims.UnixSeconds(parts.Claims["iat"]) ?? 0, RbacClaims.UnixSeconds(parts.Claims["exp"]) ?? 0, id);
            try
            {
                var written = await control.ReplaceAsync(type, stored, "argocd-server", cancellationToken: context.RequestAborted);
                await AfterWriteAsync(context, rbac, control, written, "created token");
                return ApplicationEndpoints.Json(new JsonObject { ["token"] = token });
            }
            catch (KubeApiException ex) when ((int)ex.Code == 409 && attempt < ConflictRetries)
            {
                // Changed meanwhile: read again and list the token in the newer version.
            }
        }
    }

    /// <summary>
    /// DELETE /api/v1/projects/{project}/roles/{role}/token/{iat}?id=…: removes the token (by id, else issued-at) from
    /// both lists; from then on it is refused (401). An unknown role or token is answered <c>{}</c>, as Argo CD does.
    /// </summary>
    private static async Task<IResult> DeleteTokenAsync(HttpContext context, string project, string role, string iat, RbacService rbac, ServerOptions options,
        KubeClient control)
    {
        if (!long.TryParse(iat, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var issuedAt))
            return ArgoError.InvalidArgument($"iat '{iat}': the token's issued-at time in Unix seconds is required");
        var id = context.Request.Query["id"].ToString();
        var type = await TypeAsync(control, context.RequestAborted);
        for (var attempt = 0; ; attempt++)
        {
            if (await control.GetAsync(type, options.ControlNamespace, project, context.RequestAborted) is not { } stored) return NotFound(project);
            if (RoleOf(stored, role) is not { } spec) return ApplicationEndpoints.Json(new JsonObject());
            if (TokenDenied(context, rbac, project, spec) is { } denied) return denied;
            if (!ProjectTokens.Remove(stored, role, issuedAt, id)) return ApplicationEndpoints.Json(new JsonObject());
            try
            {
                var written = await control.ReplaceAsync(type, stored, "argocd-server", cancellationToken: context.RequestAborted);
                await AfterWriteAsync(context, rbac, control, written, "deleted token");
                return ApplicationEndpoints.Json(new JsonObject());
            }
            catch (KubeApiException ex) when ((int)ex.Code == 409 && attempt < ConflictRetries)
            {
                // Changed meanwhile: read again and remove the token from the newer version.
            }
        }
    }

    private static JsonObject? RoleOf(JsonObject project, string role) =>
        (project.GetPath("spec", "roles") as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(r => r["name"]?.ToString() == role);

    /// <summary>Argo CD's rule for role tokens: <c>projects, update, PROJECT</c>, or being in one of the role's groups.</summary>
    private static IResult? TokenDenied(HttpContext context, RbacService rbac, string project, JsonObject role)
    {
        var claims = context.Caller();
        var decision = rbac.Enforcer.EnforceClaims(claims, Request(RbacAction.Update, project));
        if (decision.Allowed) return null;
        var groups = (role["groups"] as JsonArray ?? []).Select(g => g?.ToString()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return claims.ScopeValues(rbac.Enforcer.Policy.Scopes).Any(groups.Contains) ? null : ArgoError.PermissionDenied(decision.DenialMessage!);
    }
}
