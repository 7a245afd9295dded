using System.Text.Json.Nodes;
using Keelson.Resources;
using Keelson.Resources.Patching;
using Keelson.Resources.Serialization;

namespace Keelson.Kustomize;

/// <summary>patchesStrategicMerge, patches and patchesJson6902.</summary>
internal static class Patches
{
    /// <summary>
    /// Reads every patch file the kustomization names (patchesStrategicMerge, patches, patchesJson6902), as kustomize
    /// reads them when it configures the transformers, before any runs; a file that cannot be read fails as there.
    /// </summary>
    public static void ReadFiles(BuildContext context, JsonObject k)
    {
        if (k["patchesStrategicMerge"] is JsonArray strategic)
        {
            foreach (var entry in strategic)
            {
                var text = entry?.GetValue<string>() ?? "";
                if (!LooksInline(text)) ReadStrategicMergeFile(context, strategic, text);
            }
        }
        if (k["patches"] is JsonArray patches)
        {
            foreach (var entry in patches.OfType<JsonObject>())
            {
                if (entry.GetString("patch") is null && entry.GetString("path") is { } path) ReadPatchFile(context, entry, path);
            }
        }
        if (k["patchesJson6902"] is JsonArray json6902)
        {
            // An entry without a target is refused when it runs (kustomize crashes on it while configuring).
            foreach (var entry in json6902.OfType<JsonObject>())
            {
                if (entry["target"] is JsonObject && entry.GetString("patch") is null && entry.GetString("path") is { } path)
                    ReadJson6902File(context, entry, path);
            }
        }
    }

    public static void StrategicMergeList(BuildContext context, JsonNode? field, List<Resource> resources)
    {
        if (field is not JsonArray list) return;
        foreach (var entry in list)
        {
            var text = entry?.GetValue<string>() ?? "";
            var source = $"{context.File}: patchesStrategicMerge";
            var body = LooksInline(text) ? text : ReadStrategicMergeFile(context, list, text);
            foreach (var doc in ParseDocs(body, source).OfType<JsonObject>())
                ApplyStrategic(context, doc, null, resources, "patchesStrategicMerge");
        }
    }

    public static void PatchList(BuildContext context, JsonNode? field, List<Resource> resources)
    {
        if (field is not JsonArray list) return;
        foreach (var entry in list.OfType<JsonObject>())
        {
            var body = entry.GetString("patch") ??
                (entry.GetString("path") is { } path ? ReadPatchFile(context, entry, path)
                    : throw new KustomizeException($"{context.File}: patches: an entry has neither path nor patch"));
            var target = entry["target"] is JsonObject t ? PatchTarget.From(t) : null;
            var docs = ParseDocs(body, $"{context.File}: patches");
            if (docs.Count == 1 && docs[0] is JsonArray ops)
            {
                if (target is null)
                    throw new KustomizeException($"{context.File}: patches: must specify a target for JSON patch");
                foreach (var resource in resources.Where(target.Matches))
                    ApplyJson6902(context, resource, ops);
                continue;
            }
            var options = entry["options"] as JsonObject;
            var allowNameChange = options?["allowNameChange"] is JsonValue n && n.TryGetValue<bool>(out var nv) && nv;
            var allowKindChange = options?["allowKindChange"] is JsonValue k && k.TryGetValue<bool>(out var kv) && kv;
            foreach (var doc in docs.OfType<JsonObject>())
                ApplyStrategic(context, doc, target, resources, "patches", allowNameChange, allowKindChange);
        }
    }

    public static void Json6902List(BuildContext context, JsonNode? field, List<Resource> resources)
    {
        if (field is not JsonArray list) return;
        foreach (var entry in list.OfType<JsonObject>())
        {
            if (entry["target"] is not JsonObject t)
                throw new KustomizeException($"{context.File}: patchesJson6902: must specify a target for JSON patch");
            var body = entry.GetString("patch") ??
                (entry.GetString("path") is { } path ? ReadJson6902File(context, entry, path)
                    : throw new KustomizeException($"{context.File}: patchesJson6902: an entry has neither path nor patch"));
            var docs = ParseDocs(body, $"{context.File}: patchesJson6902");
            if (docs.Count != 1 || docs[0] is not JsonArray ops)
                throw new KustomizeException($"{context.File}: patchesJson6902: the patch is not a list of operations");
            var target = PatchTarget.From(t);
            var matched = resources.Where(target.Matches).ToList();
            if (matched.Count == 0)
                throw new KustomizeException($"{context.File}: patchesJson6902: no resource matches the target");
            foreach (var resource in matched)
                ApplyJson6902(context, resource, ops);
        }
    }

    private static void ApplyJson6902(BuildContext context, Resource resource, JsonArray ops)
    {
        try
        {
            resource.Object = (JsonObject)JsonPatch.Apply(resource.Object, ops)!;
        }
        catch (PatchException e)
        {
            throw new KustomizeException($"{context.File}: JSON 6902 patch on {ResourceKey.Of(resource.Object)}: {e.Message}", e);
        }
    }

    private static void ApplyStrategic(
        BuildContext context, JsonObject patch, PatchTarget? target, List<Resource> resources, string field,
        bool allowNameChange = false, bool allowKindChange = false)
    {
        List<Resource> matched;
        if (target is not null)
        {
            matched = resources.Where(target.Matches).ToList();
        }
        else
        {
            var gvk = patch.GetGroupVersionKind();
            var name = patch.GetName() ?? "";
            var ns = patch.GetNamespace();
            matched = resources.Where(r => r.Gvk.Kind == gvk.Kind && r.Gvk.Group == gvk.Group && r.HasName(name) &&
                (ns is null || r.Namespace == ns)).ToList();
            if (matched.Count == 0)
            {
                var id = new Resource(patch).Id;
                throw new KustomizeException($"{context.File}: {field}: no matches for Id {id}; failed to find unique target for patch {id}");
            }
            if (matched.Count > 1)
                throw new KustomizeException($"{context.File}: {field}: more than one resource matches the patch for {gvk.Kind}/{name}");
        }
        foreach (var resource in matched)
        {
            // The patch's identity never renames or moves the target.
            var body = (JsonObject)patch.DeepClone();
            if (!allowKindChange || body["kind"] is null)
            {
                body["apiVersion"] = resource.Object["apiVersion"]?.DeepClone();
                body["kind"] = resource.Object["kind"]?.DeepClone();
            }
            if (body["metadata"] is JsonObject metadata)
            {
                if (!allowNameChange) metadata.Remove("name");
                metadata.Remove("namespace");
            }
            if (body.GetString("$patch") == "delete")
            {
                resources.Remove(resource);
                continue;
            }
            try
            {
                var meta = PatchMeta.ForKind(resource.Gvk);
                var merged = StrategicMergePatch.Apply(resource.Object, body, meta);
                PatchListOrder.Apply(merged, body, meta);
                resource.Object = merged;
            }
            catch (PatchException e)
            {
                throw new KustomizeException($"{context.File}: {field} on {ResourceKey.Of(resource.Object)}: {e.Message}", e);
            }
        }
    }

    /// <summary>kustomize configures one PatchStrategicMergeTransformer with all the entries (its <c>paths</c>).</summary>
    private static string ReadStrategicMergeFile(BuildContext context, JsonArray entries, string path)
    {
        try
        {
            return context.ReadRelative(path);
        }
        catch (KustomizeException e)
        {
            throw PluginConfig.Failed("PatchStrategicMergeTransformer", new JsonObject { ["paths"] = entries.DeepClone() }, e.Message, e);
        }
    }

    private static string ReadPatchFile(BuildContext context, JsonObject entry, string path)
    {
        try
        {
            return context.ReadRelative(path);
        }
        catch (KustomizeException e)
        {
            throw PluginConfig.Failed("PatchTransformer", entry, $"failed to get the patch file from path({path}): {e.Message}", e);
        }
    }

    private static string ReadJson6902File(BuildContext context, JsonObject entry, string path)
    {
        try
        {
            return context.ReadRelative(path);
        }
        catch (KustomizeException e)
        {
            throw PluginConfig.Failed("PatchJson6902Transformer", entry, e.Message, e);
        }
    }

    private static bool LooksInline(string text) => text.Contains('\n') || text.Contains(": ", StringComparison.Ordinal);

    private static IReadOnlyList<JsonNode?> ParseDocs(string text, string source)
    {
        try
        {
            return KyamlReader.Parse(text, source).Where(d => d is not null).ToList();
        }
        catch (YamlFormatException e)
        {
            throw new KustomizeException($"{source}: {e.Message}", e);
        }
    }
}
