using System.Text;
using System.Text.Json.Nodes;
using Keelson.Engine.Model;
using Keelson.Resources;

namespace Keelson.Engine.Diff;

/// <summary>
/// Removes what must never show as a difference between a predicted (server-side-apply dry-run) object and the
/// live one: status, server-set metadata, the client-side-apply annotation and the Deployment revision, and empty
/// label and annotation maps (which the server drops). A Secret's <c>stringData</c> is folded into base64
/// <c>data</c>, as the API server stores it. Everything else, server defaults included, is kept: the dry-run put
/// those on both sides alike.
/// </summary>
public static class Normalizer
{
    private static readonly string[] ServerSetMetadata =
    [
        "managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink",
        "deletionTimestamp", "deletionGracePeriodSeconds",
    ];

    private static readonly string[] ServerSetAnnotations =
    [
        ArgoAnnotations.LastAppliedConfiguration, ArgoAnnotations.DeploymentRevision,
    ];

    /// <summary>
    /// A normalised copy of <paramref name="obj"/>; the argument is not changed. With <paramref name="keepStatus"/>
    /// status stays (argocd-cm's compareoptions may ask for it to be compared).
    /// </summary>
    public static JsonObject Normalize(JsonObject obj, bool keepStatus = false)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var copy = obj.DeepClone().AsObject();
        NormalizeInPlace(copy, keepStatus);
        return copy;
    }

    internal static void NormalizeInPlace(JsonObject obj, bool keepStatus = false)
    {
        if (!keepStatus) obj.Remove("status");
        FoldStringData(obj);
        if (obj.GetMetadata() is not { } metadata) return;
        foreach (var field in ServerSetMetadata) metadata.Remove(field);
        if (metadata["annotations"] is JsonObject annotations)
        {
            foreach (var key in ServerSetAnnotations) annotations.Remove(key);
        }
        foreach (var map in (string[])["annotations", "labels"])
        {
            if (metadata.TryGetPropertyValue(map, out var value) && value is null or JsonObject { Count: 0 }) metadata.Remove(map);
        }
    }

    internal static bool IsSecret(JsonObject? obj) =>
        obj is not null && obj.GetKind() == "Secret" && obj.GetGroupVersionKind().Group.Length == 0;

    /// <summary>
    /// Moves a Secret's <c>stringData</c> into <c>data</c> as base64 (stringData wins, as in the API server);
    /// non-string values are moved as they are so that a broken manifest still shows as one.
    /// </summary>
    internal static void FoldStringData(JsonObject obj)
    {
        if (!IsSecret(obj)) return;
        FoldStringDataOf(obj);
    }

    /// <summary><see cref="FoldStringData"/> without the kind check, for a last-applied configuration.</summary>
    internal static void FoldStringDataOf(JsonObject obj)
    {
        if (obj["stringData"] is not JsonObject stringData) return;
        if (obj["data"] is not JsonObject data)
        {
            data = new JsonObject();
            obj["data"] = data;
        }
        foreach (var (key, value) in stringData.ToList())
        {
            data[key] = value is JsonValue v && v.TryGetValue<string>(out var text)
                ? Convert.ToBase64String(Encoding.UTF8.GetBytes(text))
                : value?.DeepClone();
        }
        obj.Remove("stringData");
    }
}
