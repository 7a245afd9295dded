using System.Collections.Frozen;

namespace Keelson.Server.Rbac;

/// <summary>
/// Argo CD's RBAC over one policy and one set of AppProjects, compiled once: patterns are compiled when the enforcer
/// is built, each project's policy when a request first names the project, and decisions are cached per enforcer —
/// so an enforcer is one policy version: build a new one (<see cref="WithPolicy"/>, <see cref="WithProjects"/>) when
/// <c>argocd-rbac-cm</c> or the projects change, and swap it in. Immutable apart from its caches; thread-safe; no I/O.
/// </summary>
/// <remarks>
/// A request is allowed, as by Argo CD's <c>rbacpolicy.EnforceClaims</c>: when the default role (<c>policy.default</c>)
/// allows it — deny rules of the user cannot take that away — or the subject may, or one of the groups in the
/// token's <c>scopes</c> claims may, where a group counts only if some <c>g</c> line binds it. "May" is Casbin's:
/// some matching rule of the subject or its roles allows, and none denies. A request on a project's object
/// (<c>applications</c>, <c>applicationsets</c>, <c>logs</c>, <c>exec</c>, <c>clusters</c>, <c>repositories</c> with
/// <c>&lt;project&gt;/…</c>, or <c>projects</c> with the project's name) also sees that project's roles.
/// </remarks>
public sealed partial class RbacEnforcer
{
    private readonly CompiledRule[] _globalRules;
    private readonly RoleBinding[] _globalBindings;
    private readonly CompiledPolicy _global;
    private readonly FrozenDictionary<string, ProjectEntry> _projects;
    private readonly FrozenDictionary<string, ProjectEntry>.AlternateLookup<ReadOnlySpan<char>> _projectsByName;

    /// <summary>Compiles <paramref name="policy"/> (with the built-in policy, unless the options leave it out) and knows <paramref name="projects"/>.</summary>
    public RbacEnforcer(RbacPolicy policy, IEnumerable<ProjectPolicy>? projects = null, RbacEnforcerOptions? options = null)
        : this(policy, options ?? RbacEnforcerOptions.Default, projects ?? [], previous: null)
    {
    }

    private RbacEnforcer(RbacPolicy policy, RbacEnforcerOptions options, IEnumerable<ProjectPolicy> projects, RbacEnforcer? previous)
    {
        Policy = policy;
        Options = options;
        if (previous is not null && ReferenceEquals(previous.Policy, policy) && previous.Options == options)
        {
            _globalRules = previous._globalRules;
            _globalBindings = previous._globalBindings;
            _global = previous._global;
        }
        else
        {
            var compiler = new PatternCompiler(policy.MatchMode);
            var rules = options.UseBuiltinPolicy ? BuiltinPolicy.Rules.Concat(policy.Rules) : policy.Rules;
            _globalRules = rules.Select(compiler.Compile).ToArray();
            _globalBindings = (options.UseBuiltinPolicy ? BuiltinPolicy.Bindings.Concat(policy.Bindings) : policy.Bindings).ToArray();
            _global = new CompiledPolicy(_globalRules, _globalBindings);
            previous = null;
        }
        _projects = projects.GroupBy(p => p.Name, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g =>
        {
            var project = g.Last();
            // A project whose policy text has not changed keeps its compiled policy (and its cached decisions).
            return previous is not null && previous._projects.TryGetValue(project.Name, out var old) && old.Project.RuntimeCsv == project.RuntimeCsv
                ? old with { Project = project }
                : new ProjectEntry(project, new Lazy<CompiledPolicy>(() => CompileProject(project)));
        }, StringComparer.Ordinal);
        _projectsByName = _projects.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public RbacPolicy Policy { get; }

    public RbacEnforcerOptions Options { get; }

    /// <summary>The projects the enforcer knows.</summary>
    public IEnumerable<ProjectPolicy> Projects => _projects.Values.Select(p => p.Project);

    /// <summary>An enforcer for a new policy version, with the same projects and options.</summary>
    public RbacEnforcer WithPolicy(RbacPolicy policy) => new(policy, Options, Projects, previous: null);

    /// <summary>An enforcer for a new set of projects; the global policy and unchanged projects stay compiled.</summary>
    public RbacEnforcer WithProjects(IEnumerable<ProjectPolicy> projects) => new(Policy, Options, projects, previous: this);

    /// <summary>
    /// Whether <paramref name="subject"/> (a user, group or role, taken as it is: no claims, no projects) may do the
    /// request under the global policy, the default role checked first — `argocd admin settings rbac can`.
    /// </summary>
    public bool Enforce(string subject, RbacRequest request) => AllowsWithDefaultRole(_global, subject, request);

    /// <summary>The message Argo CD gives for a denial: <c>permission denied: applications, sync, default/guestbook-dev, sub: alice</c>.</summary>
    public static string PermissionDenied(RbacRequest request, string subject) =>
        subject.Length > 0 ? $"permission denied: {request}, sub: {subject}" : $"permission denied: {request}";

    private bool AllowsWithDefaultRole(CompiledPolicy policy, string subject, in RbacRequest request) =>
        (Policy.DefaultRole.Length > 0 && policy.Allows(Policy.DefaultRole, request)) || policy.Allows(subject, request);

    private CompiledPolicy CompileProject(ProjectPolicy project)
    {
        var (rules, bindings) = project.Compile();
        if (rules.Count == 0 && bindings.Count == 0) return _global;
        var compiler = new PatternCompiler(Policy.MatchMode);
        return new CompiledPolicy(_globalRules.Concat(rules.Select(compiler.Compile)), _globalBindings.Concat(bindings));
    }

    private sealed record ProjectEntry(ProjectPolicy Project, Lazy<CompiledPolicy> Compiled);

    /// <summary>Compiles each distinct pattern once.</summary>
    private sealed class PatternCompiler(MatchMode mode)
    {
        private readonly Dictionary<string, PolicyPattern> _patterns = new(StringComparer.Ordinal);

        public CompiledRule Compile(PolicyRule rule) => new(rule.Subject, Pattern(rule.Resource), Pattern(rule.Action), Pattern(rule.Object), rule.Effect);

        private PolicyPattern Pattern(string text)
        {
            if (!_patterns.TryGetValue(text, out var pattern)) _patterns[text] = pattern = PolicyPattern.Compile(text, mode);
            return pattern;
        }
    }
}
