using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Kustomize;

/// <summary>replicas and images.</summary>
internal static class SpecTransforms
{
    private static readonly string[] ReplicaKinds = ["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"];

    private static readonly FieldSpec[] ContainerLists =
    [
        new("spec/containers[]", false),
        new("spec/initContainers[]", false),
        new("spec/template/spec/containers[]", false),
        new("spec/template/spec/initContainers[]", false),
        new("spec/jobTemplate/spec/template/spec/containers[]", false),
        new("spec/jobTemplate/spec/template/spec/initContainers[]", false),
    ];

    public static void Replicas(BuildContext context, JsonNode? field, List<Resource> resources)
    {
        if (field is not JsonArray list) return;
        foreach (var entry in list.OfType<JsonObject>())
        {
            var name = entry.GetString("name") ?? throw new KustomizeException($"{context.File}: replicas: an entry has no name");
            var count = entry["count"]?.DeepClone();
            foreach (var resource in resources.Where(r => r.HasName(name) && ReplicaKinds.Contains(r.Kind)))
                resource.Object.EnsureObject("spec")["replicas"] = count?.DeepClone();
        }
    }

    public static void Images(BuildContext context, JsonNode? field, List<Resource> resources)
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
                foreach (var spec in ContainerLists)
                {
                    foreach (var container in spec.Maps(resource.Object))
                    {
                        if (container.GetString("image") is not { } image) continue;
                        var (imageName, tag, imageDigest) = Split(image);
                        if (imageName != name) continue;
                        var result = newName ?? imageName;
                        if (newTag is not null && digest is not null) result += ":" + newTag + "@" + digest;
                        else if (digest is not null) result += "@" + digest;
                        else if (newTag is not null) result += ":" + newTag;
                        else
                        {
                            if (tag is not null) result += ":" + tag;
                            if (imageDigest is not null) result += "@" + imageDigest;
                        }
                        container["image"] = result;
                    }
                }
            }
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
