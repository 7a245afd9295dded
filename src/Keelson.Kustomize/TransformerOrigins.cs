using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Kustomize;

/// <summary>
/// The builtin transformers a kustomization's fields configure, in the order kustomize runs them (one per patch,
/// label set, image and replica entry), for <c>buildMetadata: [transformerAnnotations]</c>. kustomize records each
/// on every object the kustomization holds when it runs, whether or not it changed the object.
/// </summary>
internal static class TransformerOrigins
{
    /// <summary>
    /// The transformers of <paramref name="k"/>'s fields; <paramref name="managedByLabel"/> (the top kustomization
    /// with that option) adds the label transformer kustomize configures for it, after the kustomization's own labels.
    /// </summary>
    public static IEnumerable<string> OfFields(JsonObject k, bool managedByLabel)
    {
        if (k["patchesStrategicMerge"] is JsonArray { Count: > 0 }) yield return "PatchStrategicMergeTransformer";
        foreach (var _ in Entries(k["patches"])) yield return "PatchTransformer";
        if (k.GetString("namespace") is { Length: > 0 }) yield return "NamespaceTransformer";
        if (k.GetString("namePrefix") is { Length: > 0 }) yield return "PrefixTransformer";
        if (k.GetString("nameSuffix") is { Length: > 0 }) yield return "SuffixTransformer";
        if (k["commonLabels"] is JsonObject { Count: > 0 }) yield return "LabelTransformer";
        foreach (var _ in Entries(k["labels"])) yield return "LabelTransformer";
        if (managedByLabel) yield return "LabelTransformer";
        if (k["commonAnnotations"] is JsonObject { Count: > 0 }) yield return "AnnotationsTransformer";
        foreach (var _ in Entries(k["patchesJson6902"])) yield return "PatchJson6902Transformer";
        foreach (var _ in Entries(k["replicas"])) yield return "ReplicaCountTransformer";
        foreach (var _ in Entries(k["images"])) yield return "ImageTagTransformer";
        if (k["replacements"] is JsonArray { Count: > 0 }) yield return "ReplacementTransformer";
    }

    private static IEnumerable<JsonNode?> Entries(JsonNode? field) => field as JsonArray ?? [];
}
