using System.Text.Json.Nodes;

namespace Keelson.Resources.FieldManagement;

/// <summary>
/// A set of <see cref="FieldPath"/>s held as a tree, as Kubernetes' managedFields do. A path can be in the set
/// and also have descendants in it (FieldsV1 marks that with <c>"."</c>). Converts to and from FieldsV1 JSON.
/// Mutable; not thread-safe.
/// </summary>
public sealed class FieldSet
{
    // A child node exists only while it is a member or has members below it.
    private readonly SortedDictionary<PathElement, FieldSet> _children = new();
    private bool _member;

    public bool IsEmpty => _children.Count == 0;

    /// <summary>The number of paths in the set.</summary>
    public int Count => _children.Values.Sum(c => (c._member ? 1 : 0) + c.Count);

    /// <summary>Every path in the set, parents before children, siblings in Kubernetes order.</summary>
    public IEnumerable<FieldPath> Paths => Walk(FieldPath.Root);

    public static FieldSet Of(IEnumerable<FieldPath> paths)
    {
        var set = new FieldSet();
        foreach (var p in paths) set.Insert(p);
        return set;
    }

    /// <summary>Adds a path; the empty (root) path cannot be a member.</summary>
    public void Insert(FieldPath path)
    {
        if (path.Count == 0) throw new ArgumentException("The root path cannot be a member of a field set.", nameof(path));
        var node = this;
        foreach (var element in path)
        {
            if (!node._children.TryGetValue(element, out var child))
            {
                child = new FieldSet();
                node._children[element] = child;
            }
            node = child;
        }
        node._member = true;
    }

    public bool Contains(FieldPath path) => path.Count > 0 && Find(path) is { _member: true };

    /// <summary>True when the path, or any path below it, is in the set.</summary>
    public bool ContainsAtOrBelow(FieldPath path) => path.Count == 0 ? !IsEmpty : Find(path) is not null;

    /// <summary>The members at or below <paramref name="path"/>.</summary>
    public IEnumerable<FieldPath> PathsAtOrBelow(FieldPath path)
    {
        var node = path.Count == 0 ? this : Find(path);
        if (node is null) return [];
        return path.Count > 0 && node._member ? node.Walk(path).Prepend(path) : node.Walk(path);
    }

    /// <summary>Removes one path; its descendants stay.</summary>
    public void Remove(FieldPath path)
    {
        if (path.Count == 0) return;
        var node = Find(path);
        if (node is null) return;
        node._member = false;
        Prune(path);
    }

    /// <summary>Removes a path and everything below it.</summary>
    public void RemoveAtOrBelow(FieldPath path)
    {
        if (path.Count == 0)
        {
            _children.Clear();
            return;
        }
        var parent = Find(path.Parent);
        if (parent is null) return;
        if (parent._children.Remove(path.Last!)) Prune(path.Parent);
    }

    public FieldSet Clone() => Of(Paths);

    public FieldSet Union(FieldSet other)
    {
        var result = Clone();
        foreach (var p in other.Paths) result.Insert(p);
        return result;
    }

    public FieldSet Intersect(FieldSet other) => Of(Paths.Where(other.Contains));

    public FieldSet Except(FieldSet other) => Of(Paths.Where(p => !other.Contains(p)));

    public bool SetEquals(FieldSet other) => Paths.SequenceEqual(other.Paths);

    /// <summary>The FieldsV1 form: <c>{"f:spec":{"f:replicas":{}}}</c>, children in Kubernetes order, <c>"."</c> first.</summary>
    public JsonObject ToFieldsV1()
    {
        var json = new JsonObject();
        foreach (var (element, child) in _children) json[element.Encoded] = child.ToFieldsV1Node();
        return json;
    }

    /// <summary>The FieldsV1 form as compact JSON text.</summary>
    public string ToFieldsV1Json() => FieldsV1Json.Write(ToFieldsV1());

    /// <summary>Reads FieldsV1. Keys with an unknown prefix are dropped, as Kubernetes does.</summary>
    /// <exception cref="FormatException">A key or value is malformed.</exception>
    public static FieldSet FromFieldsV1(JsonObject fieldsV1)
    {
        var set = new FieldSet();
        set.ReadChildren(fieldsV1);
        return set;
    }

    /// <inheritdoc cref="FromFieldsV1(JsonObject)"/>
    public static FieldSet ParseFieldsV1(string json) =>
        JsonNode.Parse(json) is JsonObject obj ? FromFieldsV1(obj) : throw new FormatException("FieldsV1 must be a JSON object");

    public override string ToString() => ToFieldsV1Json();

    private JsonObject ToFieldsV1Node()
    {
        var json = new JsonObject();
        if (_member && _children.Count > 0) json["."] = new JsonObject();
        foreach (var (element, child) in _children) json[element.Encoded] = child.ToFieldsV1Node();
        return json;
    }

    private void ReadChildren(JsonObject json)
    {
        foreach (var (key, value) in json)
        {
            if (key == ".") continue;
            var element = PathElement.Parse(key);
            if (element is null) continue;
            if (value is not JsonObject body) throw new FormatException($"FieldsV1 entry '{key}' must be an object");
            var child = new FieldSet();
            child.ReadChildren(body);
            child._member = body.Count == 0 || body.ContainsKey(".");
            if (child._member || child._children.Count > 0) _children[element] = child;
        }
    }

    private FieldSet? Find(FieldPath path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (!node._children.TryGetValue(element, out var child)) return null;
            node = child;
        }
        return node;
    }

    // Drops nodes on the way to path that are neither members nor have children.
    private void Prune(FieldPath path)
    {
        for (var depth = path.Count; depth > 0; depth--)
        {
            var prefix = FieldPath.Of(path.Take(depth).ToArray());
            var node = Find(prefix);
            if (node is null || node._member || node._children.Count > 0) return;
            Find(prefix.Parent)!._children.Remove(prefix.Last!);
        }
    }

    private IEnumerable<FieldPath> Walk(FieldPath prefix)
    {
        foreach (var (element, child) in _children)
        {
            var path = prefix.Append(element);
            if (child._member) yield return path;
            foreach (var below in child.Walk(path)) yield return below;
        }
    }
}
