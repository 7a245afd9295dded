namespace Keelson.Server.Rbac;

public sealed partial class RbacEnforcer
{
    /// <summary>
    /// Whether the token's holder may do the request: the default role, then the subject, then each group of the
    /// claims <see cref="RbacPolicy.Scopes"/> names that some <c>g</c> line binds — with the project's roles when the
    /// request is on a known project's object. A project token (<c>proj:&lt;project&gt;:&lt;role&gt;</c>) is checked by
    /// <see cref="EnforceProjectToken"/>.
    /// </summary>
    public RbacDecision EnforceClaims(RbacClaims claims, RbacRequest request)
    {
        if (ProjectPolicy.TryParseSubject(claims.Subject, out _, out _)) return EnforceProjectToken(claims, request);
        return new(AllowsClaims(PolicyFor(ProjectOf(request)), claims, request), request, claims.Subject);
    }

    /// <summary>
    /// Whether a project token may do the request. Its subject must be <c>proj:&lt;project&gt;:&lt;role&gt;</c> of a known
    /// project and role, and the token — by <see cref="RbacClaims.Id"/>, else <see cref="RbacClaims.IssuedAt"/> — must
    /// still be listed in the role's tokens: a revoked token may do nothing, not even what the default role allows.
    /// On another project's objects it may do nothing; on its own project's it is checked with that project's roles,
    /// elsewhere with the global policy (the default role included, as in Argo CD).
    /// </summary>
    public RbacDecision EnforceProjectToken(RbacClaims claims, RbacRequest request)
    {
        var allowed = ProjectPolicy.TryParseSubject(claims.Subject, out var projectName, out var role)
            && _projects.TryGetValue(projectName, out var own)
            && own.Project.HasToken(role, claims.IssuedAt, claims.Id)
            && ProjectOf(request) switch
            {
                null => AllowsClaims(_global, claims, request),
                { } target when target.Project.Name == projectName => AllowsWithDefaultRole(target.Compiled.Value, claims.Subject, request),
                _ => false,
            };
        return new(allowed, request, claims.Subject);
    }

    /// <summary>
    /// Whether the holder may update or delete one resource of an application: <c>update/&lt;group&gt;/&lt;kind&gt;/&lt;ns&gt;/&lt;name&gt;</c>
    /// (or <c>delete/…</c>). With <see cref="RbacEnforcerOptions.DisableApplicationFineGrainedRbacInheritance"/> false,
    /// plain <c>update</c>/<c>delete</c> on the application is tried first and suffices, as in Argo CD 2.
    /// </summary>
    public RbacDecision EnforceApplicationResource(RbacClaims claims, RbacAction verb, string applicationObject, string group, string kind, string? ns, string name)
    {
        var fineGrained = RbacRequest.ApplicationResource(verb, applicationObject, group, kind, ns, name);
        if (!Options.DisableApplicationFineGrainedRbacInheritance && EnforceClaims(claims, RbacRequest.Application(verb, applicationObject)) is { Allowed: true } inherited)
            return inherited;
        return EnforceClaims(claims, fineGrained);
    }

    private bool AllowsClaims(CompiledPolicy policy, RbacClaims claims, in RbacRequest request)
    {
        if (AllowsWithDefaultRole(policy, claims.Subject, request)) return true;
        foreach (var scope in Policy.Scopes)
        {
            if (!claims.Values.TryGetValue(scope, out var groups)) continue;
            foreach (var group in groups)
            {
                if (policy.IsMember(group) && policy.Allows(group, request)) return true;
            }
        }
        return false;
    }

    private CompiledPolicy PolicyFor(ProjectEntry? project) => project?.Compiled.Value ?? _global;

    /// <summary>The known project a request is on: the first segment of a project-scoped object, or the object of <c>projects</c>.</summary>
    private ProjectEntry? ProjectOf(in RbacRequest request)
    {
        if (_projects.Count == 0 || !RbacVocabulary.TryParseResource(request.Resource, out var resource)) return null;
        if (resource == RbacResource.Projects) return _projects.GetValueOrDefault(request.Object);
        if (!resource.IsProjectScoped() || request.Object.IndexOf('/', StringComparison.Ordinal) is not (var slash and >= 0)) return null;
        return _projectsByName.TryGetValue(request.Object.AsSpan(0, slash), out var project) ? project : null;
    }
}
