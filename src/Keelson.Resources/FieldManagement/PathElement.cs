using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Resources.FieldManagement;

/// <summary>
/// One step of a <see cref="FieldPath"/>: a field name, the key of an associative-list item, the value of a
/// set item, or a list index. Ordered as Kubernetes orders them in FieldsV1 (fields, then keys, then values,
/// then indexes; fields by ordinal name, keys field by field).
/// </summary>
public sealed class PathElement : IEquatable<PathElement>, IComparable<PathElement>
{
    private PathElement(PathElementKind kind, string encoded, string? name, IReadOnlyList<KeyValuePair<string, JsonNode?>>? key, JsonNode? value, int index)
    {
        Kind = kind;
        Encoded = encoded;
        Name = name;
        KeyFields = key ?? [];
        Value = value;
        Index = index;
    }

    public PathElementKind Kind { get; }

    /// <summary>The FieldsV1 spelling: <c>f:replicas</c>, <c>k:{"name":"web"}</c>, <c>v:"a"</c>, <c>i:0</c>.</summary>
    public string Encoded { get; }

    /// <summary>The field name (kind Field).</summary>
    public string? Name { get; }

    /// <summary>The key fields sorted by name (kind Key); empty otherwise. Values are owned by this element: do not modify.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode?>> KeyFields { get; }

    /// <summary>The item value (kind Value). Owned by this element: do not modify.</summary>
    public JsonNode? Value { get; }

    /// <summary>The position (kind Index).</summary>
    public int Index { get; }

    public static PathElement Field(string name) => new(PathElementKind.Field, "f:" + name, name, null, null, 0);

    /// <summary>An associative-list item key; the fields are sorted by name as Kubernetes does.</summary>
    public static PathElement Key(IEnumerable<KeyValuePair<string, JsonNode?>> fields)
    {
        var sorted = fields
            .Select(f => new KeyValuePair<string, JsonNode?>(f.Key, f.Value?.DeepClone()))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToList();
        var json = new JsonObject();
        foreach (var (k, v) in sorted) json[k] = v?.DeepClone();
        return new PathElement(PathElementKind.Key, "k:" + FieldsV1Json.Write(json), null, sorted, null, 0);
    }

    public static PathElement ForValue(JsonNode? value)
    {
        var copy = value?.DeepClone();
        return new PathElement(PathElementKind.Value, "v:" + FieldsV1Json.Write(copy), null, null, copy, 0);
    }

    public static PathElement ForIndex(int index) =>
        new(PathElementKind.Index, "i:" + index.ToString(CultureInfo.InvariantCulture), null, null, null, index);

    /// <summary>Parses a FieldsV1 key; null for a prefix this version does not know (Kubernetes drops those too).</summary>
    /// <exception cref="FormatException">The key has a known prefix but a malformed body.</exception>
    public static PathElement? Parse(string encoded)
    {
        if (encoded.Length < 2 || encoded[1] != ':') return null;
        var body = encoded[2..];
        try
        {
            switch (encoded[0])
            {
                case 'f':
                    return Field(body);
                case 'k':
                    if (JsonNode.Parse(body) is not JsonObject key) throw new FormatException($"FieldsV1 key '{encoded}' is not a JSON object");
                    return Key(key.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value)));
                case 'v':
                    return ForValue(JsonNode.Parse(body));
                case 'i':
                    return int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                        ? ForIndex(i)
                        : throw new FormatException($"FieldsV1 key '{encoded}' has no valid index");
                default:
                    return null;
            }
        }
        catch (JsonException e)
        {
            throw new FormatException($"FieldsV1 key '{encoded}' holds invalid JSON: {e.Message}", e);
        }
    }

    /// <summary>True when <paramref name="item"/> (an associative-list item) carries exactly these key values.</summary>
    public bool MatchesItem(JsonNode? item) =>
        Kind == PathElementKind.Key && item is JsonObject obj &&
        KeyFields.All(f => obj.TryGetPropertyValue(f.Key, out var v) && JsonNode.DeepEquals(v, f.Value));

    public bool Equals(PathElement? other) => other is not null && Kind == other.Kind && Encoded == other.Encoded;

    public override bool Equals(object? obj) => obj is PathElement other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(Encoded));

    public int CompareTo(PathElement? other)
    {
        if (other is null) return 1;
        if (Kind != other.Kind) return Kind.CompareTo(other.Kind);
        return Kind switch
        {
            PathElementKind.Field => string.CompareOrdinal(Name, other.Name),
            PathElementKind.Key => CompareKeys(KeyFields, other.KeyFields),
            PathElementKind.Value => CompareValues(Value, other.Value),
            _ => Index.CompareTo(other.Index),
        };
    }

    /// <summary>Readable form used in conflict messages: <c>.name</c>, <c>[name="web"]</c>, <c>[="a"]</c>, <c>[0]</c>.</summary>
    public override string ToString() => Kind switch
    {
        PathElementKind.Field => "." + Name,
        PathElementKind.Key => "[" + string.Join(",", KeyFields.Select(f => f.Key + "=" + FieldsV1Json.Write(f.Value))) + "]",
        PathElementKind.Value => "[=" + FieldsV1Json.Write(Value) + "]",
        _ => "[" + Index.ToString(CultureInfo.InvariantCulture) + "]",
    };

    private static int CompareKeys(IReadOnlyList<KeyValuePair<string, JsonNode?>> a, IReadOnlyList<KeyValuePair<string, JsonNode?>> b)
    {
        for (var i = 0; ; i++)
        {
            if (i >= a.Count) return i >= b.Count ? 0 : -1;
            if (i >= b.Count) return 1;
            var byName = string.CompareOrdinal(a[i].Key, b[i].Key);
            if (byName != 0) return byName;
            var byValue = CompareValues(a[i].Value, b[i].Value);
            if (byValue != 0) return byValue;
        }
    }

    // Kubernetes orders values numbers < strings < booleans < everything else; the rest is ordered by JSON text.
    private static int CompareValues(JsonNode? a, JsonNode? b)
    {
        var rankA = Rank(a);
        var rankB = Rank(b);
        if (rankA != rankB) return rankA.CompareTo(rankB);
        return rankA switch
        {
            0 => Number(a!).CompareTo(Number(b!)),
            1 => string.CompareOrdinal(a!.GetValue<string>(), b!.GetValue<string>()),
            2 => a!.GetValue<bool>().CompareTo(b!.GetValue<bool>()),
            _ => string.CompareOrdinal(FieldsV1Json.Write(a), FieldsV1Json.Write(b)),
        };
    }

    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int Rank(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Number => 0,
        JsonValueKind.String => 1,
        JsonValueKind.True or JsonValueKind.False => 2,
        _ => 3,
    };
}
