using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Kustomize;

/// <summary>replicas and images.</summary>
internal static class SpecTransforms
{
    private static readonly string[] ReplicaKinds = ["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"];

    /// <summary>The replicas field specs' kinds as kustomize lists them in its error.</summary>
    private static readonly string[] ReplicaKindsInKustomizeOrder = ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"];

    private static readonly string[] ContainerKeys = ["containers", "initContainers"];

    public static void Replicas(BuildContext context, JsonNode? field, List<Resource> resources)
    {
        if (field is not JsonArray list) return;
        foreach (var entry in list.OfType<JsonObject>())
        {
            var name = entry.GetString("name") ?? throw new KustomizeException($"{context.File}: replicas: an entry has no name");
            var count = entry["count"]?.DeepClone();
            var targets = resources.Where(r => r.HasName(name) && ReplicaKinds.Contains(r.Kind)).ToList();
            // kustomize fails for a replicas entry that names no object of a kind with replicas.
            if (targets.Count == 0)
                throw new KustomizeException($"resource with name {name} does not match a config with the following GVK [{string.Join(" ", ReplicaKindsInKustomizeOrder.Select(k => k + ".[noVer].[noGrp]"))}]");
            foreach (var resource in targets)
                resource.Object.EnsureObject("spec")["replicas"] = count?.DeepClone();
        }
    }

    /// <summary>
    /// images: an image is replaced in every map under a <c>containers</c> or <c>initContainers</c> key at any depth
    /// (a list's maps, or a map itself; kustomize's legacy image filter) and at the <c>images</c> field specs of
    /// <c>configurations</c> (<paramref name="specs"/>: the string at the path, never created).
    /// </summary>
    public static void Images(BuildContext context, JsonNode? field, List<Resource> resources, IReadOnlyList<FieldSpec>? specs = null)
    {
        if (field is not JsonArray list) return;
        foreach (var entry in list.OfType<JsonObject>())
        {
            var name = entry.GetString("name") ?? throw new KustomizeException($"{context.File}: images: an entry has no name");
            var newName = entry.GetString("newName");
            var newTag = entry["newTag"] is JsonValue tv ? (tv.TryGetValue<string>(out var ts) ? ts : tv.ToJsonString()) : null;
            var digest = entry.GetString("digest");
            foreach (var resource in resources)
            {
                foreach (var container in Containers(resource.Object))
                    Replace(container, "image");
                foreach (var spec in specs ?? [])
                {
                    if (!spec.AppliesTo(resource.Kind)) continue;
                    var slash = spec.Path.LastIndexOf('/');
                    var parents = slash < 0 ? [resource.Object] : new FieldSpec(spec.Path[..slash], false).Maps(resource.Object);
                    foreach (var parent in parents.ToList())
                        Replace(parent, spec.Path[(slash + 1)..]);
                }
            }

            void Replace(JsonObject map, string key)
            {
                if (map.GetString(key) is not { } image) return;
                var (imageName, tag, imageDigest) = Split(image);
                if (imageName != name) return;
                var result = newName ?? imageName;
                if (newTag is not null && digest is not null) result += ":" + newTag + "@" + digest;
                else if (digest is not null) result += "@" + digest;
                else if (newTag is not null) result += ":" + newTag;
                else
                {
                    if (tag is not null) result += ":" + tag;
                    if (imageDigest is not null) result += "@" + imageDigest;
                }
                map[key] = result;
            }
        }
    }

    /// <summary>Every map under a containers/initContainers key, at any depth, outermost first.</summary>
    private static IEnumerable<JsonObject> Containers(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (key, value) in map.ToList())
                {
                    if (ContainerKeys.Contains(key))
                    {
                        if (value is JsonObject one) yield return one;
                        else if (value is JsonArray items)
                        {
                            foreach (var item in items.OfType<JsonObject>()) yield return item;
                        }
                    }
                    foreach (var inner in Containers(value)) yield return inner;
                }
                break;
            case JsonArray list:
                foreach (var item in list.ToList())
                {
                    foreach (var inner in Containers(item)) yield return inner;
                }
                break;
        }
    }

    private static (string Name, string? Tag, string? Digest) Split(string image)
    {
        string? digest = null;
        var at = image.IndexOf('@');
        if (at >= 0)
        {
            digest = image[(at + 1)..];
            image = image[..at];
        }
        var colon = image.LastIndexOf(':');
        if (colon > image.LastIndexOf('/'))
            return (image[..colon], image[(colon + 1)..], digest);
        return (image, null, digest);
    }
}
