using System.Text.Json.Nodes;
using Keelson.Resources;
using Keelson.Server.Http;
using Keelson.Server.Rbac;

namespace Keelson.Server.Projects;

/// <summary>
/// The checks Argo CD's <c>ValidateProject</c> makes before a project is stored through the API — name, destinations,
/// source repositories and namespaces, roles and their policies, sync windows — with every problem collected and
/// named by its field, so that one answer says all that must be fixed.
/// </summary>
internal static class ProjectValidation
{
    public static IReadOnlyList<string> Problems(JsonObject project)
    {
        var problems = new List<string>();
        var name = project.GetName() ?? "";
        if (NameProblem(name) is { } bad) problems.Add($"project.metadata.name: {bad}");
        var spec = project["spec"] as JsonObject ?? [];

        var destinations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (destination, i) in Objects(spec["destinations"]).Select((d, i) => (d, i)))
        {
            var server = Text(destination["server"]);
            var destName = Text(destination["name"]);
            var ns = Text(destination["namespace"]);
            foreach (var (field, value) in new[] { ("name", destName), ("server", server), ("namespace", ns) })
            {
                if (value == "!*") problems.Add($"project.spec.destinations[{i}].{field}: '!*' is not a valid pattern (it would match nothing)");
            }
            var key = server.Length == 0 && destName.Length > 0 ? $"{destName}/{ns}" : $"{server}/{ns}";
            if (!destinations.Add(key)) problems.Add($"project.spec.destinations[{i}]: destination '{key}' is listed more than once");
        }
        Unique(spec["sourceNamespaces"], "project.spec.sourceNamespaces", "source namespace", problems);
        foreach (var repo in Strings(spec["sourceRepos"]).Where(r => r == "!*"))
            problems.Add($"project.spec.sourceRepos: '{repo}' is not a valid pattern (it would match nothing)");
        Unique(spec["sourceRepos"], "project.spec.sourceRepos", "source repository", problems);

        if (spec["roles"] is JsonArray roles && roles.Any(r => r is not JsonObject || Text(r["name"]).Length == 0))
            problems.Add("project.spec.roles: every role needs a name");
        else if (name.Length > 0)
            problems.AddRange(ProjectPolicy.FromAppProject(project).Validate().Select(p => $"project.spec.roles: {p}"));

        foreach (var (window, i) in Objects(spec["syncWindows"]).Select((w, i) => (w, i)))
        {
            foreach (var problem in SyncWindowSchedule.Problems(window)) problems.Add($"project.spec.syncWindows[{i}]: {problem}");
        }
        return problems;
    }

    /// <summary>Why a project name cannot be used (a DNS-1123 subdomain, which also rules out '/' and '..'), or null.</summary>
    public static string? NameProblem(string name)
    {
        if (name.Length == 0) return "a name is required";
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal))
            return $"'{name}' must not contain '/' or '..'";
        return ObjectName.IsValid(name) ? null : ObjectName.Rule($"'{name}'");
    }

    private static void Unique(JsonNode? list, string field, string what, List<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in Strings(list).Where(v => !seen.Add(v))) problems.Add($"{field}: {what} '{value}' is listed more than once");
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => (node as JsonArray ?? []).OfType<JsonObject>();

    private static IEnumerable<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(Text);

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
