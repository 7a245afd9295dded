namespace Keelson.Server.Rbac;

/// <summary>
/// One question to the enforcer: may the subject do <see cref="Action"/> on <see cref="Resource"/>'s
/// <see cref="Object"/>? The three are Casbin's request values and are matched against policy patterns as they are.
/// </summary>
public readonly record struct RbacRequest(string Resource, string Action, string Object)
{
    public RbacRequest(RbacResource resource, RbacAction action, string obj) : this(resource.Name(), action.Name(), obj)
    {
    }

    /// <summary>
    /// An Application's RBAC object: <c>&lt;project&gt;/&lt;name&gt;</c>, or <c>&lt;project&gt;/&lt;namespace&gt;/&lt;name&gt;</c>
    /// for an application outside the control namespace (apps in any namespace), as Argo CD's <c>RBACName</c>.
    /// </summary>
    public static string ApplicationObject(string project, string name, string? appNamespace = null, string? controlNamespace = null) =>
        string.IsNullOrEmpty(appNamespace) || appNamespace == controlNamespace ? $"{project}/{name}" : $"{project}/{appNamespace}/{name}";

    /// <summary>An action on an Application: get, create, update, delete, sync, rollback, override.</summary>
    public static RbacRequest Application(RbacAction action, string applicationObject) =>
        new(RbacResource.Applications, action, applicationObject);

    /// <summary>
    /// Updating or deleting one resource of an Application: the action <c>update/&lt;group&gt;/&lt;kind&gt;/&lt;ns&gt;/&lt;name&gt;</c>
    /// (the core group is empty: <c>update//ConfigMap/ns/settings</c>). Whether plain <c>update</c> also counts is the
    /// enforcer's <see cref="RbacEnforcerOptions.DisableApplicationFineGrainedRbacInheritance"/>.
    /// </summary>
    public static RbacRequest ApplicationResource(RbacAction verb, string applicationObject, string group, string kind, string? ns, string name)
    {
        if (verb is not (RbacAction.Update or RbacAction.Delete))
            throw new ArgumentOutOfRangeException(nameof(verb), verb, "only update and delete have per-resource actions");
        return new(RbacResource.Applications.Name(), $"{verb.Name()}/{group}/{kind}/{ns}/{name}", applicationObject);
    }

    /// <summary>Running a resource action on an Application's resource: <c>action/&lt;group&gt;/&lt;kind&gt;/&lt;action&gt;</c>.</summary>
    public static RbacRequest ResourceAction(string applicationObject, string group, string kind, string actionName) =>
        new(RbacResource.Applications.Name(), $"action/{group}/{kind}/{actionName}", applicationObject);

    /// <summary>"applications, sync, default/guestbook-dev", as Argo CD's denial messages list the request.</summary>
    public override string ToString() => $"{Resource}, {Action}, {Object}";
}
