using System.Text.Json.Nodes;
using Keelson.Engine.Customizations;
using Keelson.Resources;

namespace Keelson.Server.Applications.Actions;

/// <summary>
/// <c>restart</c> of a Deployment, StatefulSet or DaemonSet, as <c>kubectl rollout restart</c>: the pod template's
/// <c>kubectl.kubernetes.io/restartedAt</c> annotation is set to now, so the controller rolls out new pods.
/// </summary>
public sealed class RestartAction : IResourceAction
{
    public const string RestartedAt = "kubectl.kubernetes.io/restartedAt";

    public string Name => "restart";

    public string? IconClass => "fa fa-fw fa-redo";

    public string? DisplayName => null;

    public bool AppliesTo(string group, string kind) => group == "apps" && kind is "Deployment" or "StatefulSet" or "DaemonSet";

    public bool IsDisabled(JsonObject live) => false;

    public IReadOnlyList<ImpactedResource> Run(JsonObject live, DateTimeOffset now)
    {
        var changed = live.DeepClone().AsObject();
        var template = Child(Child(changed, "spec"), "template");
        Child(Child(template, "metadata"), "annotations")[RestartedAt] = KubeTime.Format(now);
        return [new ImpactedResource(ImpactedOperation.Patch, changed)];
    }

    internal static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject child) return child;
        var created = new JsonObject();
        parent[name] = created;
        return created;
    }
}
