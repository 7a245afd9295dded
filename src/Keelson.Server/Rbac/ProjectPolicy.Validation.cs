using System.Text.RegularExpressions;

namespace Keelson.Server.Rbac;

public sealed partial class ProjectPolicy
{
    private static readonly string[] ProjectResources = ["applications", "applicationsets", "repositories", "exec", "logs", "clusters"];
    private static readonly string[] PlainActions = ["get", "create", "update", "delete", "sync", "override", "rollback", "*"];

    /// <summary>
    /// Checks the roles as Argo CD does when a project is created or updated through its API: role names unique and
    /// of letters, digits, '-' and '_' (alphanumeric at both ends); each policy unique and of the form
    /// <c>p, proj:&lt;project&gt;:&lt;role&gt;, &lt;project-scoped resource&gt;, &lt;action&gt;, &lt;project&gt;[/&lt;ns&gt;]/&lt;app&gt;, allow|deny</c>;
    /// groups unique, not empty, quoted when they hold a comma. Returns every problem, none when valid.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in Roles)
        {
            if (!names.Add(role.Name)) problems.Add($"role '{role.Name}' is defined more than once");
            if (!RoleName().IsMatch(role.Name))
                problems.Add($"role '{role.Name}': a role name is letters, digits, '-' and '_', starting and ending with a letter or digit");
            var policies = new HashSet<string>(StringComparer.Ordinal);
            foreach (var policy in role.Policies)
            {
                if (!policies.Add(policy)) problems.Add($"role '{role.Name}': policy '{policy}' is listed more than once");
                if (PolicyProblem(role.Name, policy) is { } problem) problems.Add($"role '{role.Name}': policy '{policy}': {problem}");
                else if (!PolicyCsv.TrySplit(policy.Trim(), out _, out var reason)) problems.Add($"role '{role.Name}': policy '{policy}': {reason}");
            }
            var groups = new HashSet<string>(StringComparer.Ordinal);
            foreach (var group in role.Groups)
            {
                if (!groups.Add(group)) problems.Add($"role '{role.Name}': group '{group}' is listed more than once");
                if (GroupProblem(group) is { } problem) problems.Add($"role '{role.Name}': group '{group}' {problem}");
            }
        }
        return problems;
    }

    /// <summary>Why one policy line of a role is not valid for it, or null (Argo CD's <c>validatePolicy</c>).</summary>
    internal string? PolicyProblem(string role, string policy)
    {
        var parts = policy.Split(',').Select(p => p.Trim(' ')).ToArray();
        if (parts.Length != 6 || parts[0] != "p") return "a project policy has the form 'p, sub, res, act, obj, eft'";
        var subject = SubjectOf(role);
        if (parts[1] != subject) return $"the subject must be '{subject}', not '{parts[1]}'";
        if (!ProjectResources.Contains(parts[2])) return $"the resource must be one of {string.Join(", ", ProjectResources)}, not '{parts[2]}'";
        // Argo CD searches for these prefixes anywhere in the action (its patterns are not anchored).
        if (!PlainActions.Contains(parts[3]) && !new[] { "action/", "update/", "delete/" }.Any(a => parts[3].Contains(a, StringComparison.Ordinal)))
            return $"'{parts[3]}' is not an action";
        if (!IsProjectObject(parts[4])) return $"the object must be {Name}/*, {Name}/<app> or {Name}/<namespace>/<app>, not '{parts[4]}'";
        if (parts[5] is not ("allow" or "deny")) return $"the effect must be allow or deny, not '{parts[5]}'";
        return null;
    }

    private bool IsProjectObject(string obj)
    {
        if (!obj.StartsWith(Name + "/", StringComparison.Ordinal)) return false;
        var rest = obj[(Name.Length + 1)..].Split('/');
        return rest.Length is 1 or 2 && rest.All(s => s.Length > 0 && s.All(c => c is '*' or '-' or '.' or '_' || char.IsAsciiLetterOrDigit(c)));
    }

    private static string? GroupProblem(string group)
    {
        var name = group.Trim();
        if (name.Length > 1 && name.StartsWith('"') && name.EndsWith('"')) name = name[1..^1];
        else if (name.Contains(',', StringComparison.Ordinal)) return "holds a comma and must be quoted";
        if (name.Length == 0) return "is empty";
        if (name.IndexOfAny(['"', '\n', '\r', '\t']) >= 0) return "holds a quote, tab or line break";
        if (group.Length > 1 && char.IsWhiteSpace(group[0])) return "starts with a space";
        if (group.Length > 1 && char.IsWhiteSpace(group[^1])) return "ends with a space";
        return null;
    }

    /// <summary>
    /// The rules and bindings the project adds to the enforcer. A line that does not parse drops the project's whole
    /// policy (Argo CD then falls back to the global one); an allow line that fails <see cref="PolicyProblem"/> is left
    /// out, so that a project never grants outside itself, while a deny line is kept (it can only take access away).
    /// </summary>
    internal (List<PolicyRule> Rules, List<RoleBinding> Bindings) Compile()
    {
        var rules = new List<PolicyRule>();
        var bindings = new List<RoleBinding>();
        var errors = new List<PolicyError>();
        foreach (var role in Roles)
        {
            var key = $"AppProject {Name} role {role.Name}";
            PolicyCsv.Read($"p, {SubjectOf(role.Name)}, projects, get, {Name}, allow", key, rules, bindings, errors);
            for (var i = 0; i < role.Policies.Count; i++)
            {
                var lineRules = new List<PolicyRule>();
                var lineBindings = new List<RoleBinding>();
                PolicyCsv.Read(role.Policies[i], $"{key} policy {i + 1}", lineRules, lineBindings, errors);
                if (PolicyProblem(role.Name, role.Policies[i]) is null)
                {
                    rules.AddRange(lineRules);
                    bindings.AddRange(lineBindings);
                }
                else
                {
                    rules.AddRange(lineRules.Where(r => r.Effect == PolicyEffect.Deny));
                }
            }
            foreach (var group in role.Groups) PolicyCsv.Read($"g, {group}, {SubjectOf(role.Name)}", $"{key} groups", rules, bindings, errors);
        }
        return errors.Count > 0 ? ([], []) : (rules, bindings);
    }

    [GeneratedRegex("^[a-zA-Z0-9]([-_a-zA-Z0-9]*[a-zA-Z0-9])?$")]
    private static partial Regex RoleName();
}
