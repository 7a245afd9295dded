using System.Text.Json.Nodes;

namespace Keelson.Kustomize;

/// <summary>
/// A place in objects of some kinds where a transformer writes: a '/'-separated path (a "[]" suffix walks every
/// item of a list) and whether missing maps on the way are created.
/// </summary>
internal sealed record FieldSpec(string Path, bool Create, params string[] Kinds)
{
    /// <summary>A field spec as a plugin config or <c>configurations</c> writes it: path, kind, create.</summary>
    public static FieldSpec From(JsonObject spec) =>
        new(spec["path"] is JsonValue p && p.TryGetValue<string>(out var path) ? path : "",
            spec["create"] is JsonValue c && c.TryGetValue<bool>(out var create) && create,
            spec["kind"] is JsonValue k && k.TryGetValue<string>(out var kind) ? [kind] : []);

    public bool AppliesTo(string kind) => Kinds.Length == 0 || Kinds.Contains(kind);

    /// <summary>Every map at the end of the path (created when <see cref="Create"/> allows).</summary>
    public IEnumerable<JsonObject> Maps(JsonObject root)
    {
        IEnumerable<JsonObject> current = [root];
        var segments = Path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var isList = segment.EndsWith("[]", StringComparison.Ordinal);
            var name = isList ? segment[..^2] : segment;
            var next = new List<JsonObject>();
            foreach (var node in current)
            {
                if (isList)
                {
                    if (node[name] is JsonArray items) next.AddRange(items.OfType<JsonObject>());
                    continue;
                }
                if (node[name] is JsonObject child) next.Add(child);
                // kustomize crosses a list met on the way even without "[]" (as field specs in configs are written).
                else if (node[name] is JsonArray list) next.AddRange(list.OfType<JsonObject>());
                else if (node[name] is null && Create)
                {
                    var created = new JsonObject();
                    node[name] = created;
                    next.Add(created);
                }
            }
            current = next;
        }
        return current;
    }
}
