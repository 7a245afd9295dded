using System.Text.Json.Nodes;
using Keelson.Engine.Customizations;
using Keelson.Resources;

namespace Keelson.Server.Applications.Actions;

/// <summary>
/// A Deployment's <c>pause</c> and <c>resume</c>: <c>spec.paused</c> set to true or false. Pausing a paused Deployment
/// (or resuming a running one) is offered but disabled.
/// </summary>
public sealed class DeploymentPauseAction(bool pause) : IResourceAction
{
    public string Name => pause ? "pause" : "resume";

    public string? IconClass => pause ? "fa fa-fw fa-pause-circle" : "fa fa-fw fa-play-circle";

    public string? DisplayName => null;

    public bool AppliesTo(string group, string kind) => group == "apps" && kind == "Deployment";

    public bool IsDisabled(JsonObject live) => IsPaused(live) == pause;

    public IReadOnlyList<ImpactedResource> Run(JsonObject live, DateTimeOffset now)
    {
        var changed = live.DeepClone().AsObject();
        RestartAction.Child(changed, "spec")["paused"] = pause;
        return [new ImpactedResource(ImpactedOperation.Patch, changed)];
    }

    private static bool IsPaused(JsonObject live) => live.GetPath("spec", "paused") is JsonValue v && v.TryGetValue<bool>(out var paused) && paused;
}
