namespace Keelson.Server.Applications.Actions;

/// <summary>
/// The resource actions the server offers, by kind: the built-in ones (a later source — argocd-cm's Lua actions — adds
/// its own in front, as Argo CD lets a customization override a built-in action of the same name).
/// </summary>
public sealed class ResourceActionRegistry(IEnumerable<IResourceAction> actions)
{
    private readonly IReadOnlyList<IResourceAction> _actions = actions.ToList();

    /// <summary>restart (Deployment, StatefulSet, DaemonSet), pause and resume (Deployment), create-job (CronJob).</summary>
    public static ResourceActionRegistry Builtin { get; } = new(
    [
        new RestartAction(),
        new DeploymentPauseAction(pause: true),
        new DeploymentPauseAction(pause: false),
        new CronJobCreateJobAction(),
    ]);

    /// <summary>The actions offered for a kind, the first of each name winning.</summary>
    public IReadOnlyList<IResourceAction> For(string group, string kind) =>
        _actions.Where(a => a.AppliesTo(group, kind)).DistinctBy(a => a.Name, StringComparer.Ordinal).ToList();

    /// <summary>The action of that name for the kind, or null.</summary>
    public IResourceAction? Find(string group, string kind, string name) => For(group, kind).FirstOrDefault(a => a.Name == name);
}
