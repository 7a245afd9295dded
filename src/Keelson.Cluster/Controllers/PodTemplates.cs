using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers;

/// <summary>Pods made from a workload's pod template (controller.GetPodFromTemplate).</summary>
internal static class PodTemplates
{
    /// <summary>
    /// A pod of <paramref name="template"/>: its labels, annotations, finalizers and spec, controlled by
    /// <paramref name="owner"/>; named <paramref name="name"/>, or <c>&lt;owner&gt;-&lt;5 random&gt;</c> when null.
    /// </summary>
    public static JsonObject NewPod(JsonObject owner, JsonObject? template, string? name = null)
    {
        var metadata = new JsonObject { ["namespace"] = owner.GetNamespace() };
        if (name is null) metadata["generateName"] = owner.GetName() + "-";
        else metadata["name"] = name;
        if (template?.GetPath("metadata", "labels") is JsonObject labels) metadata["labels"] = labels.DeepClone();
        if (template?.GetPath("metadata", "annotations") is JsonObject annotations) metadata["annotations"] = annotations.DeepClone();
        if (template?.GetPath("metadata", "finalizers") is JsonArray finalizers) metadata["finalizers"] = finalizers.DeepClone();
        metadata["ownerReferences"] = new JsonArray(Owners.ControllerRef(owner));
        return new JsonObject
        {
            ["metadata"] = metadata,
            ["spec"] = template?["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }
}
