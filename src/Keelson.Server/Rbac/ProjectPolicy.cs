using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Server.Rbac;

/// <summary>
/// The RBAC an AppProject adds to requests on its own objects: for each role, its policy lines, a binding of each of
/// its groups to <c>proj:&lt;project&gt;:&lt;role&gt;</c>, and <c>projects, get, &lt;project&gt;</c> for the role (Argo CD's
/// <c>ProjectPoliciesString</c>); and the role's listed tokens, against which project tokens are checked.
/// </summary>
public sealed partial class ProjectPolicy
{
    public ProjectPolicy(string name, IReadOnlyList<ProjectRole> roles)
    {
        Name = name;
        Roles = roles;
        RuntimeCsv = string.Join("\n", roles.SelectMany(role =>
            new[] { $"p, {SubjectOf(role.Name)}, projects, get, {name}, allow" }
                .Concat(role.Policies)
                .Concat(role.Groups.Select(g => $"g, {g}, {SubjectOf(role.Name)}"))));
    }

    public string Name { get; }

    public IReadOnlyList<ProjectRole> Roles { get; }

    /// <summary>The policy lines the project adds, as Argo CD writes them; two projects with the same text compile alike.</summary>
    public string RuntimeCsv { get; }

    /// <summary>The subject of one of the project's roles: <c>proj:&lt;project&gt;:&lt;role&gt;</c>.</summary>
    public string SubjectOf(string role) => $"proj:{Name}:{role}";

    /// <summary>Splits <c>proj:&lt;project&gt;:&lt;role&gt;</c>; false for any other subject.</summary>
    public static bool TryParseSubject(string subject, out string project, out string role)
    {
        project = role = "";
        var parts = subject.Split(':');
        if (parts.Length != 3 || parts[0] != "proj") return false;
        (project, role) = (parts[1], parts[2]);
        return true;
    }

    /// <summary>
    /// Reads an AppProject object: <c>metadata.name</c>, <c>spec.roles</c> (name, description, policies, groups,
    /// jwtTokens) and the tokens of <c>status.jwtTokensByRole</c>.
    /// </summary>
    public static ProjectPolicy FromAppProject(JsonObject appProject)
    {
        var name = appProject.GetName() ?? "";
        var statusTokens = appProject["status"]?["jwtTokensByRole"] as JsonObject;
        var roles = new List<ProjectRole>();
        foreach (var role in (appProject["spec"]?["roles"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var roleName = Text(role["name"]) ?? "";
            var tokens = Tokens(role["jwtTokens"]).Concat(Tokens(statusTokens?[roleName]?["items"])).ToList();
            roles.Add(new ProjectRole(roleName)
            {
                Description = Text(role["description"]),
                Policies = Strings(role["policies"]),
                Groups = Strings(role["groups"]),
                JwtTokens = tokens,
            });
        }
        return new ProjectPolicy(name, roles);
    }

    /// <summary>
    /// Whether a token of the role is still listed: by id when the token has one (newer tokens), else or failing
    /// that by issued-at (older tokens), as Argo CD looks tokens up. A token no longer listed has been revoked.
    /// </summary>
    public bool HasToken(string role, long? issuedAt, string? id)
    {
        var tokens = Roles.FirstOrDefault(r => r.Name == role)?.JwtTokens;
        if (tokens is null) return false;
        if (!string.IsNullOrEmpty(id) && tokens.Any(t => t.Id == id)) return true;
        return issuedAt is { } iat && tokens.Any(t => t.IssuedAt == iat);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static List<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(Text).OfType<string>().ToList();

    private static IEnumerable<ProjectToken> Tokens(JsonNode? node) =>
        (node as JsonArray ?? []).OfType<JsonObject>().Select(t => new ProjectToken(
            RbacClaims.UnixSeconds(t["iat"]) ?? -1, RbacClaims.UnixSeconds(t["exp"]), Text(t["id"])));
}
