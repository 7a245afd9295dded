using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Kustomize;

/// <summary>
/// kustomize's deprecated <c>vars</c>. Each kustomization, after its transformers, ties its vars to the one object
/// its objref names (by any name and namespace that object has had); the vars of resources and components join the
/// parent's set, a name seen twice is an error. At the top, after name hashes and name references, every var is
/// read from its object and <c>$(NAME)</c> is replaced in the varReference fields.
/// </summary>
internal sealed class Vars
{
    private readonly Dictionary<string, Var> _set = new(StringComparer.Ordinal);

    /// <summary>
    /// The kustomization's own vars (MergeVars): tie each to its object, then add them to the set. Fails when an
    /// objref matches more than one object or a name is already in the set.
    /// </summary>
    public void Merge(JsonNode? field, List<Resource> resources)
    {
        if (field is not JsonArray { Count: > 0 } entries) return;
        var declared = entries.OfType<JsonObject>().Select(Var.Parse).ToList();
        var printed = "[" + string.Join(' ', declared) + "]";
        try
        {
            foreach (var v in declared)
            {
                var matched = resources.Where(r => Matches(v, r)).ToList();
                if (matched.Count > 1)
                    throw new KustomizeException($"found {matched.Count} resId matches for var {v with { Group = v.GroupVersion.Group, Version = v.GroupVersion.Version }} (unable to disambiguate)");
                if (matched.Count == 1) matched[0].RefVarNames.Add(v.Name);
            }
            foreach (var v in declared) Add(v);
        }
        catch (KustomizeException e)
        {
            throw new KustomizeException($"merging vars {printed}: {e.Message}", e);
        }
    }

    /// <summary>The vars of a resource directory join this set (MergeAccumulator); a name in both is an error.</summary>
    public void MergeFrom(Vars other, string dir)
    {
        try
        {
            foreach (var v in other._set.Values) Add(v);
        }
        catch (KustomizeException e)
        {
            throw new KustomizeException($"recursed merging from path '{dir}': {e.Message}", e);
        }
    }

    private void Add(Var v)
    {
        if (_set.ContainsKey(v.Name)) throw new KustomizeException($"var '{v.Name}' already encountered");
        _set[v.Name] = v.Defaulted();
    }

    /// <summary>
    /// kustomize's objref match: group, version, kind and name equal to the current or an earlier id; the namespace
    /// too when the objref names one (an unset namespace is "default").
    /// </summary>
    private static bool Matches(Var v, Resource resource)
    {
        var (group, version) = v.GroupVersion;
        var gvk = resource.Gvk;
        if (gvk.Group != group || gvk.Version != version || gvk.Kind != v.Kind) return false;
        return resource.AllIds().Any(id => id.Name == v.ObjName &&
            (v.Namespace.Length == 0 || Effective(id.Namespace) == Effective(v.Namespace)));
    }

    private static string Effective(string ns) => ns.Length == 0 ? "default" : ns;

    /// <summary>Reads every var (in name order) from its object and replaces <c>$(NAME)</c> in the varReference fields.</summary>
    public void Resolve(List<Resource> resources, IReadOnlyList<FieldSpec> fieldSpecs)
    {
        if (_set.Count == 0) return;
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var v in _set.Values.OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            var owner = resources.FirstOrDefault(r => r.RefVarNames.Contains(v.Name))
                ?? throw new KustomizeException($"var '{v}' cannot be mapped to a field in the set of known resources");
            if (!TryGetField(owner.Object, v.FieldPath, out var value))
                throw new KustomizeException($"field specified in var '{v}' not found in corresponding resource");
            values[v.Name] = value;
        }
        foreach (var resource in resources)
        {
            foreach (var spec in fieldSpecs)
            {
                if (!spec.AppliesTo(resource.Kind)) continue;
                Walk(resource.Object, spec.Path.Split('/'), 0, values);
            }
        }
    }

    /// <summary>kyaml's GetFieldValue: '.'-separated fields (brackets kept whole), <c>x[2]</c> an index, <c>[k=v]</c> an item.</summary>
    private static bool TryGetField(JsonObject root, string path, out JsonNode? value)
    {
        JsonNode? node = root;
        value = null;
        foreach (var segment in Segments(path))
        {
            switch (node)
            {
                case JsonObject map when map.TryGetPropertyValue(segment, out var child):
                    node = child;
                    break;
                case JsonArray list when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index):
                    if (index >= list.Count) return false;
                    node = list[index];
                    break;
                case JsonArray list when segment.StartsWith('[') && segment.EndsWith(']') && segment.IndexOf('=') is > 0 and var eq:
                    var (key, wanted) = (segment[1..eq], segment[(eq + 1)..^1]);
                    node = list.OfType<JsonObject>().FirstOrDefault(item => Scalar(item[key]) == wanted);
                    break;
                default:
                    return false;
            }
            if (node is null) return false;
        }
        value = node;
        return true;
    }

    private static IEnumerable<string> Segments(string path)
    {
        foreach (var part in FieldPathSyntax.Split(path))
        {
            var open = part.LastIndexOf('[');
            if (open >= 0 && part.EndsWith(']') && int.TryParse(part[(open + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                if (open > 0) yield return part[..open];
                yield return part[(open + 1)..^1];
            }
            else
            {
                yield return part;
            }
        }
    }

    private static string? Scalar(JsonNode? node) => node is JsonValue v ? v.ToJsonString().Trim('"') : null;

    /// <summary>kustomize's fieldspec walk: lists are crossed item by item, missing fields end the walk.</summary>
    private static void Walk(JsonNode? node, string[] path, int at, Dictionary<string, JsonNode?> values)
    {
        if (node is JsonArray items && at < path.Length)
        {
            foreach (var item in items) Walk(item, path, at, values);
            return;
        }
        if (node is not JsonObject map || at >= path.Length) return;
        var name = path[at];
        var child = map[name];
        if (child is null) return;
        if (at < path.Length - 1)
        {
            Walk(child, path, at + 1, values);
            return;
        }
        switch (child)
        {
            case JsonValue:
                if (IsString(child)) map[name] = Replace(child.GetValue<string>(), values);
                break;
            case JsonObject fields:
                foreach (var key in fields.Select(p => p.Key).ToList())
                {
                    if (IsString(fields[key])) fields[key] = Replace(fields[key]!.GetValue<string>(), values);
                }
                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (!IsString(list[i])) throw new KustomizeException("invalid value type expect a string");
                    list[i] = Replace(list[i]!.GetValue<string>(), values);
                }
                break;
        }
    }

    private static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    /// <summary>
    /// kustomize's DoReplacements: <c>$(NAME)</c> becomes the var's value (its own type when it is the whole string),
    /// <c>$$</c> is one <c>$</c>, an unknown name or a value that is not a scalar stays as written.
    /// </summary>
    private static JsonNode Replace(string input, Dictionary<string, JsonNode?> values)
    {
        var sb = new StringBuilder();
        var checkpoint = 0;
        for (var cursor = 0; cursor < input.Length; cursor++)
        {
            if (input[cursor] != '$' || cursor + 1 >= input.Length) continue;
            sb.Append(input, checkpoint, cursor - checkpoint);
            var next = input[cursor + 1];
            var advance = 1;
            if (next == '(' && input.IndexOf(')', cursor + 2) is var close and > 0)
            {
                var name = input[(cursor + 2)..close];
                var mapped = values.TryGetValue(name, out var value) && value is JsonValue scalar ? scalar : null;
                if (input.Length == close + 1 && cursor == 0)
                    return mapped is null ? JsonValue.Create(input) : mapped.DeepClone();
                sb.Append(mapped is null ? $"$({name})" : Format(mapped));
                advance = close - cursor;
            }
            else
            {
                sb.Append(next == '$' ? "$" : "$" + next);
            }
            cursor += advance;
            checkpoint = cursor + 1;
        }
        sb.Append(input, checkpoint, input.Length - checkpoint);
        return JsonValue.Create(sb.ToString());
    }

    /// <summary>Go's <c>%v</c> of a var value: a string as is, numbers and booleans as Go prints them.</summary>
    private static string Format(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.ToJsonString(),
    };
}
