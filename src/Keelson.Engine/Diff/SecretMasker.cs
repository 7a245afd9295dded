using System.Text.Json.Nodes;
using Keelson.Engine.Model;
using Keelson.Resources;

namespace Keelson.Engine.Diff;

/// <summary>
/// Hides Secret values before a diff is shown, as Argo CD does: every value under <c>data</c> (after folding
/// <c>stringData</c> into it) becomes a run of '+' characters. Masks are chosen per key and per distinct value
/// (8, then 12, 16… characters, independent of the value's length), so an unchanged value shows the same mask on
/// both sides and a changed value a different one, without revealing anything about it. The
/// <c>kubectl.kubernetes.io/last-applied-configuration</c> annotation of a Secret, which holds the same data, is
/// masked with the same masks (or replaced whole when it cannot be read). Objects that are not Secrets are copied
/// unchanged.
/// </summary>
public static class SecretMasker
{
    private const int FirstMaskLength = 8;
    private const int MaskLengthStep = 4;

    /// <summary>Masked copies of both sides; the arguments are not changed. Null stays null.</summary>
    public static (JsonObject? Target, JsonObject? Live) Mask(JsonObject? target, JsonObject? live)
    {
        var maskedTarget = target?.DeepClone().AsObject();
        var maskedLive = live?.DeepClone().AsObject();
        var secrets = new[] { maskedTarget, maskedLive }.Where(Normalizer.IsSecret).Select(s => s!).ToList();
        if (secrets.Count == 0) return (maskedTarget, maskedLive);

        // Order matters only for which value gets the shortest mask: target first, as Argo CD does.
        var documents = new List<JsonObject>();
        var lastApplied = new List<(JsonObject Secret, JsonObject? Applied)>();
        foreach (var secret in secrets)
        {
            Normalizer.FoldStringData(secret);
            documents.Add(secret);
        }
        foreach (var secret in secrets)
        {
            if (secret.GetMetadata()?["annotations"] is not JsonObject annotations
                || !annotations.ContainsKey(ArgoAnnotations.LastAppliedConfiguration)) continue;
            var applied = ReadLastApplied(annotations[ArgoAnnotations.LastAppliedConfiguration]);
            if (applied is not null)
            {
                Normalizer.FoldStringDataOf(applied);
                documents.Add(applied);
            }
            lastApplied.Add((secret, applied));
        }

        MaskData(documents);

        foreach (var (secret, applied) in lastApplied)
        {
            var annotations = secret.GetMetadata()!["annotations"]!.AsObject();
            annotations[ArgoAnnotations.LastAppliedConfiguration] = applied?.ToJsonString() ?? new string('+', FirstMaskLength);
        }
        return (maskedTarget, maskedLive);
    }

    private static void MaskData(List<JsonObject> documents)
    {
        foreach (var document in documents)
        {
            // Malformed data (not a map) is hidden whole rather than shown.
            if (document["data"] is { } data && data is not JsonObject) document["data"] = new string('+', FirstMaskLength);
        }
        var keys = documents
            .SelectMany(d => d["data"] is JsonObject data ? data.Select(p => p.Key) : [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var key in keys)
        {
            var masks = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var document in documents)
            {
                if (document["data"] is not JsonObject data || !data.TryGetPropertyValue(key, out var value) || value is null) continue;
                var text = value.ToJsonString();
                if (!masks.TryGetValue(text, out var mask))
                {
                    mask = new string('+', FirstMaskLength + (MaskLengthStep * masks.Count));
                    masks[text] = mask;
                }
                data[key] = mask;
            }
        }
    }

    private static JsonObject? ReadLastApplied(JsonNode? annotation)
    {
        if (annotation is not JsonValue value || !value.TryGetValue<string>(out var text)) return null;
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
