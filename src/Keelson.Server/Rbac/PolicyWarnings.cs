namespace Keelson.Server.Rbac;

/// <summary>
/// What is legal in a policy but almost certainly not meant: a pattern that cannot compile (its line never applies,
/// as in Argo CD) and a role that lines bind to but no <c>p</c> line grants anything (Argo CD's
/// "user defined roles not found in policies").
/// </summary>
internal static class PolicyWarnings
{
    public static IEnumerable<string> Of(RbacPolicy policy)
    {
        foreach (var rule in policy.Rules)
        {
            foreach (var (field, pattern) in new[] { ("resource", rule.Resource), ("action", rule.Action), ("object", rule.Object) })
            {
                if (!PolicyPattern.TryCompile(pattern, policy.MatchMode, out _, out var error))
                    yield return $"{rule.Source}: the {field} '{pattern}' is not a valid {(policy.MatchMode == MatchMode.Glob ? "glob" : "regular expression")} ({error}); the line matches nothing";
            }
        }

        var granted = policy.Rules.Concat(BuiltinPolicy.Rules).Select(r => r.Subject).ToHashSet(StringComparer.Ordinal);
        var roles = policy.Bindings.Concat(BuiltinPolicy.Bindings).ToLookup(b => b.Member, b => b.Role, StringComparer.Ordinal);
        foreach (var binding in policy.Bindings.DistinctBy(b => b.Role, StringComparer.Ordinal))
        {
            if (!Grants(binding.Role, granted, roles))
                yield return $"{binding.Source}: role '{binding.Role}' is not found in any 'p' line, directly or through the roles it has";
        }
    }

    private static bool Grants(string role, HashSet<string> granted, ILookup<string, string> roles)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { role };
        var queue = new Queue<string>([role]);
        while (queue.TryDequeue(out var next))
        {
            if (granted.Contains(next)) return true;
            foreach (var parent in roles[next])
                if (seen.Add(parent)) queue.Enqueue(parent);
        }
        return false;
    }
}
