using System.Text.Json.Nodes;
using Keelson.Engine.Customizations;

namespace Keelson.Server.Applications.Actions;

/// <summary>
/// One resource action, as Argo CD's resource actions (argocd-cm <c>resource.customizations.actions.*</c> Lua
/// scripts, and those built in): offered for some kinds, possibly disabled by the object's state, and run on a copy
/// of the live object. Running computes the change; it does not write it.
/// </summary>
public interface IResourceAction
{
    /// <summary>The name callers run it by, e.g. <c>restart</c>.</summary>
    string Name { get; }

    /// <summary>Argo CD's UI icon (e.g. <c>fa fa-fw fa-redo</c>), or null.</summary>
    string? IconClass { get; }

    /// <summary>The name the UI shows, or null for <see cref="Name"/>.</summary>
    string? DisplayName { get; }

    /// <summary>Whether this action is offered for objects of the kind.</summary>
    bool AppliesTo(string group, string kind);

    /// <summary>Whether the object's state makes the action pointless now (e.g. pausing a paused Deployment).</summary>
    bool IsDisabled(JsonObject live);

    /// <summary>The objects to write: the changed live object (a patch) or new objects (creates). <paramref name="live"/> is not changed.</summary>
    IReadOnlyList<ImpactedResource> Run(JsonObject live, DateTimeOffset now);
}
