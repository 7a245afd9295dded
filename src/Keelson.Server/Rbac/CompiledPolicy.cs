using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Keelson.Server.Rbac;

/// <summary>
/// Casbin's model for Argo CD over one set of rules and bindings: a subject may do a request when a rule of the
/// subject or of a role it has (through <c>g</c>, transitively, at most ten links deep as Casbin's role manager)
/// matches and allows it, and no such rule denies it. Rules are indexed by subject; the roles of a subject and each
/// decision are cached, so repeating a question costs one dictionary lookup. Thread-safe.
/// </summary>
internal sealed class CompiledPolicy
{
    private const int MaxHierarchyLevel = 10;
    private const int MaxCachedEntries = 100_000;

    private readonly FrozenDictionary<string, CompiledRule[]> _rulesBySubject;
    private readonly FrozenDictionary<string, string[]> _rolesOf;
    private readonly ConcurrentDictionary<string, string[]> _closures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<RequestKey, bool> _decisions = new();
    private int _cachedDecisions;
    private int _cachedClosures;

    public CompiledPolicy(IEnumerable<CompiledRule> rules, IEnumerable<RoleBinding> bindings)
    {
        _rulesBySubject = rules.GroupBy(r => r.Subject, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _rolesOf = bindings.GroupBy(b => b.Member, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(b => b.Role).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Whether the name is the member of some <c>g</c> line: only such groups are checked for a user's group claims.</summary>
    public bool IsMember(string name) => _rolesOf.ContainsKey(name);

    public bool Allows(string subject, in RbacRequest request)
    {
        var key = new RequestKey(subject, request.Resource, request.Action, request.Object);
        if (_decisions.TryGetValue(key, out var cached)) return cached;
        var allowed = Evaluate(subject, request);
        if (Interlocked.Increment(ref _cachedDecisions) > MaxCachedEntries)
        {
            // A bound, not an LRU: many distinct questions at once start the cache again.
            _decisions.Clear();
            Interlocked.Exchange(ref _cachedDecisions, 0);
        }
        _decisions[key] = allowed;
        return allowed;
    }

    private bool Evaluate(string subject, in RbacRequest request)
    {
        var allowed = false;
        foreach (var role in RolesOf(subject))
        {
            if (!_rulesBySubject.TryGetValue(role, out var rules)) continue;
            foreach (var rule in rules)
            {
                if (!rule.Matches(request)) continue;
                if (rule.Effect == PolicyEffect.Deny) return false;
                allowed = true;
            }
        }
        return allowed;
    }

    /// <summary>The subject and every role it has, nearest first.</summary>
    private string[] RolesOf(string subject)
    {
        if (_closures.TryGetValue(subject, out var closure)) return closure;
        var seen = new List<string> { subject };
        var level = new List<string> { subject };
        for (var depth = 0; depth < MaxHierarchyLevel && level.Count > 0; depth++)
        {
            var next = new List<string>();
            foreach (var name in level)
            {
                if (!_rolesOf.TryGetValue(name, out var roles)) continue;
                foreach (var role in roles)
                {
                    if (seen.Contains(role, StringComparer.Ordinal)) continue;
                    seen.Add(role);
                    next.Add(role);
                }
            }
            level = next;
        }
        closure = [.. seen];
        if (Interlocked.Increment(ref _cachedClosures) <= MaxCachedEntries) _closures[subject] = closure;
        return closure;
    }

    private readonly record struct RequestKey(string Subject, string Resource, string Action, string Object);
}
