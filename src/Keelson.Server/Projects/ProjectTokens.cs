using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Server.Rbac;

namespace Keelson.Server.Projects;

/// <summary>
/// The JWT tokens of an AppProject's roles, which Argo CD keeps twice: in <c>spec.roles[].jwtTokens</c> (the old
/// place) and in <c>status.jwtTokensByRole.&lt;role&gt;.items</c>. Each token is <c>{iat, exp?, id}</c>. Works on the
/// AppProject's JSON in place.
/// </summary>
internal static class ProjectTokens
{
    /// <summary>
    /// Argo CD's <c>NormalizeJWTTokens</c>: a token without an id gets its <c>iat</c> as id; each role's tokens become
    /// the union of both places (by id), newest first, written to both; roles that are gone lose their status entry.
    /// </summary>
    public static void Normalize(JsonObject project)
    {
        var roles = Roles(project);
        var byRole = ByRole(project, create: roles.Count > 0);
        foreach (var role in roles)
        {
            var name = role["name"]?.ToString() ?? "";
            var combined = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            foreach (var token in Items(byRole?[name]?["items"]).Concat(Items(role["jwtTokens"]))) combined[IdOf(token)] = Token(token);
            var sorted = combined.Values.OrderByDescending(t => RbacClaims.UnixSeconds(t["iat"]) ?? 0).ToList();
            if (sorted.Count > 0) role["jwtTokens"] = Array(sorted);
            else role.Remove("jwtTokens");
            if (byRole is null) continue;
            if (sorted.Count > 0) byRole[name] = new JsonObject { ["items"] = Array(sorted) };
            else byRole.Remove(name);
        }
        if (byRole is null) return;
        var names = roles.Select(r => r["name"]?.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in byRole.Select(p => p.Key).Where(k => !names.Contains(k)).ToList()) byRole.Remove(gone);
    }

    /// <summary>Lists a newly issued token under its role (both places).</summary>
    public static void Add(JsonObject project, string role, long issuedAt, long expiresAt, string id)
    {
        var byRole = ByRole(project, create: true)!;
        var token = new JsonObject { ["iat"] = issuedAt };
        if (expiresAt > 0) token["exp"] = expiresAt;
        token["id"] = id;
        var items = Items(byRole[role]?["items"]).Select(t => (JsonNode)t.DeepClone()).Append(token).ToArray();
        byRole[role] = new JsonObject { ["items"] = new JsonArray(items) };
        Normalize(project);
    }

    /// <summary>Argo CD's <c>RemoveJWTToken</c>: the token with <paramref name="id"/>, else issued at <paramref name="issuedAt"/>, leaves both places. False when neither had it.</summary>
    public static bool Remove(JsonObject project, string role, long issuedAt, string? id)
    {
        var removed = false;
        if (Roles(project).FirstOrDefault(r => r["name"]?.ToString() == role) is { } spec && spec["jwtTokens"] is JsonArray specTokens)
            removed |= RemoveFrom(specTokens, issuedAt, id);
        if (ByRole(project, create: false)?[role]?["items"] is JsonArray statusTokens) removed |= RemoveFrom(statusTokens, issuedAt, id);
        return removed;
    }

    /// <summary>Whether a role already has a token with this id (Argo CD's <c>ValidateJWTTokenID</c>).</summary>
    public static bool HasId(JsonObject project, string role, string id) =>
        Roles(project).Where(r => r["name"]?.ToString() == role).SelectMany(r => Items(r["jwtTokens"])).Any(t => IdOf(t) == id);

    private static bool RemoveFrom(JsonArray tokens, long issuedAt, string? id)
    {
        var match = tokens.OfType<JsonObject>().FirstOrDefault(t => !string.IsNullOrEmpty(id) && t["id"]?.ToString() == id)
            ?? (issuedAt == -1 ? null : tokens.OfType<JsonObject>().FirstOrDefault(t => RbacClaims.UnixSeconds(t["iat"]) == issuedAt));
        return match is not null && tokens.Remove(match);
    }

    private static List<JsonObject> Roles(JsonObject project) => (project["spec"]?["roles"] as JsonArray ?? []).OfType<JsonObject>().ToList();

    private static JsonObject? ByRole(JsonObject project, bool create)
    {
        if (project["status"]?["jwtTokensByRole"] is JsonObject existing) return existing;
        if (!create) return null;
        if (project["status"] is not JsonObject status) project["status"] = status = [];
        var byRole = new JsonObject();
        status["jwtTokensByRole"] = byRole;
        return byRole;
    }

    private static IEnumerable<JsonObject> Items(JsonNode? node) => (node as JsonArray ?? []).OfType<JsonObject>();

    private static string IdOf(JsonObject token) =>
        token["id"]?.ToString() is { Length: > 0 } id ? id : (RbacClaims.UnixSeconds(token["iat"]) ?? 0).ToString(CultureInfo.InvariantCulture);

    private static JsonObject Token(JsonObject token)
    {
        var copy = new JsonObject { ["iat"] = RbacClaims.UnixSeconds(token["iat"]) ?? 0 };
        if (RbacClaims.UnixSeconds(token["exp"]) is { } exp and > 0) copy["exp"] = exp;
        copy["id"] = IdOf(token);
        return copy;
    }

    private static JsonArray Array(IEnumerable<JsonObject> tokens) => new(tokens.Select(t => (JsonNode)t.DeepClone()).ToArray());
}
