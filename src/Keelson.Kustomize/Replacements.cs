using System.Text.Json.Nodes;
using Keelson.Resources;
using Keelson.Resources.Selection;

namespace Keelson.Kustomize;

/// <summary>
/// <c>replacements</c>: copy a value from one object's field into fields of selected objects. Field paths are
/// dot-separated; a segment may be <c>[key=value]</c> (the list item with that field), an index, or <c>*</c>.
/// </summary>
internal static class Replacements
{
    public static void Apply(BuildContext context, JsonNode? field, List<Resource> resources)
    {
        if (field is not JsonArray list) return;
        foreach (var entry in list.OfType<JsonObject>())
        {
            var replacement = entry;
            if (entry.GetString("path") is { } path)
            {
                var docs = KyamlReader.Parse(ReadFile(context, list, path), path);
                replacement = docs.FirstOrDefault() as JsonObject ?? throw new KustomizeException($"{context.File}: replacements: '{path}' is empty");
            }
            ApplyOne(context, replacement, resources);
        }
    }

    /// <summary>Reads every replacement file, as kustomize does when it configures the transformers, before any runs.</summary>
    public static void ReadFiles(BuildContext context, JsonNode? field)
    {
        if (field is not JsonArray list) return;
        foreach (var entry in list.OfType<JsonObject>())
        {
            if (entry.GetString("path") is { } path) ReadFile(context, list, path);
        }
    }

    /// <summary>kustomize configures one ReplacementTransformer with all the entries.</summary>
    private static string ReadFile(BuildContext context, JsonArray entries, string path)
    {
        try
        {
            return context.ReadRelative(path);
        }
        catch (KustomizeException e)
        {
            throw PluginConfig.Failed("ReplacementTransformer", new JsonObject { ["Replacements"] = entries.DeepClone() }, e.Message, e);
        }
    }

    private static void ApplyOne(BuildContext context, JsonObject replacement, List<Resource> resources)
    {
        var source = replacement["source"] as JsonObject ?? throw new KustomizeException($"{context.File}: replacements: an entry has no source");
        var sources = resources.Where(r => Selects(source, r)).ToList();
        var describe = $"{source.GetString("kind")}.{source.GetString("version") ?? "[noVer]"}.{source.GetString("group") ?? "[noGrp]"}/" +
            $"{source.GetString("name")}.{source.GetString("namespace") ?? "[noNs]"}";
        if (sources.Count == 0) throw new KustomizeException($"{context.File}: replacements: nothing selected by {describe}");
        if (sources.Count > 1) throw new KustomizeException($"{context.File}: replacements: multiple matches for selector {describe}");
        var fieldPath = source.GetString("fieldPath") ?? "metadata.name";
        var found = Find(sources[0].Object, FieldPathSyntax.Split(fieldPath), create: false).ToList();
        if (found.Count == 0) throw new KustomizeException($"{context.File}: replacements: fieldPath '{fieldPath}' is missing for replacement source {describe}");
        var value = found[0].Get()?.DeepClone();
        if (source["options"] is JsonObject sourceOptions && sourceOptions.GetString("delimiter") is { } delimiter && value is JsonValue v && v.TryGetValue<string>(out var text))
        {
            var parts = text.Split(delimiter);
            var index = (int)(sourceOptions["index"]?.GetValue<long>() ?? 0);
            value = index >= 0 && index < parts.Length ? parts[index] : text;
        }
        foreach (var target in (replacement["targets"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var select = target["select"] as JsonObject ?? throw new KustomizeException($"{context.File}: replacements: a target has no select");
            var rejects = (target["reject"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            var options = target["options"] as JsonObject;
            var create = options?["create"] is JsonValue c && c.TryGetValue<bool>(out var cv) && cv;
            foreach (var resource in resources.Where(r => Selects(select, r) && !rejects.Any(x => Selects(x, r))))
            {
                foreach (var targetPath in (target["fieldPaths"] as JsonArray ?? []).Select(p => p?.GetValue<string>() ?? ""))
                {
                    foreach (var slot in Find(resource.Object, FieldPathSyntax.Split(targetPath), create))
                        slot.Set(Combine(slot.Get(), value, options));
                }
            }
        }
    }

    private static JsonNode? Combine(JsonNode? current, JsonNode? value, JsonObject? options)
    {
        if (options?.GetString("delimiter") is not { } delimiter || current is not JsonValue cv || !cv.TryGetValue<string>(out var text))
            return value?.DeepClone();
        var parts = text.Split(delimiter).ToList();
        var index = (int)(options["index"]?.GetValue<long>() ?? 0);
        var replacement = value is JsonValue rv && rv.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
        if (index < 0) parts.Insert(0, replacement);
        else if (index >= parts.Count) parts.Add(replacement);
        else parts[index] = replacement;
        return string.Join(delimiter, parts);
    }

    private static bool Selects(JsonObject selector, Resource resource)
    {
        var gvk = resource.Gvk;
        if (selector.GetString("group") is { } g && g != gvk.Group) return false;
        if (selector.GetString("version") is { } v && v != gvk.Version) return false;
        if (selector.GetString("kind") is { } k && k != gvk.Kind) return false;
        if (selector.GetString("name") is { } n && !resource.HasName(n)) return false;
        if (selector.GetString("namespace") is { } ns && ns != resource.Namespace) return false;
        if (selector.GetString("labelSelector") is { } l && !LabelSelector.Parse(l).Matches(resource.Object.GetLabels())) return false;
        if (selector.GetString("annotationSelector") is { } a && !LabelSelector.Parse(a).Matches(resource.Object.GetAnnotations())) return false;
        return true;
    }

    private sealed record Slot(Func<JsonNode?> Get, Action<JsonNode?> Set);

    private static IEnumerable<Slot> Find(JsonNode? node, List<string> segments, bool create)
    {
        if (segments.Count == 0) yield break;
        var segment = segments[0];
        var rest = segments.Skip(1).ToList();
        if (node is JsonArray array)
        {
            var matches = new List<int>();
            if (segment == "*") matches.AddRange(Enumerable.Range(0, array.Count));
            else if (segment.StartsWith('[') && segment.EndsWith(']') && segment.IndexOf('=') is var eq and > 0)
            {
                var key = segment[1..eq];
                var wanted = segment[(eq + 1)..^1];
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonObject item && Scalar(item[key]) == wanted) matches.Add(i);
                }
            }
            else if (int.TryParse(segment, out var index) && index >= 0 && index < array.Count) matches.Add(index);
            foreach (var i in matches)
            {
                var at = i;
                if (rest.Count == 0) yield return new Slot(() => array[at], v => array[at] = v);
                else
                {
                    foreach (var slot in Find(array[at], rest, create)) yield return slot;
                }
            }
            yield break;
        }
        if (node is not JsonObject map) yield break;
        var name = segment.StartsWith('[') && segment.EndsWith(']') ? segment[1..^1] : segment;
        if (rest.Count == 0)
        {
            if (map.ContainsKey(name) || create) yield return new Slot(() => map[name], v => map[name] = v);
            yield break;
        }
        if (map[name] is null && create) map[name] = new JsonObject();
        foreach (var slot in Find(map[name], rest, create)) yield return slot;
    }

    private static string? Scalar(JsonNode? node) =>
        node is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : null;
}
