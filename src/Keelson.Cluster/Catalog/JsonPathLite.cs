using System.Text.Json.Nodes;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// The JSONPath subset additionalPrinterColumns use: ".a.b", ".a[0].b", ".a['x.y']" and filters
/// ".status.conditions[?(@.type==\"Ready\")].status". Returns the first match or null.
/// </summary>
internal static class JsonPathLite
{
    public static JsonNode? Evaluate(JsonNode? root, string path)
    {
        var p = path.Trim();
        if (p.StartsWith('{') && p.EndsWith('}')) p = p[1..^1];
        if (p.StartsWith('$')) p = p[1..];
        JsonNode? node = root;
        var i = 0;
        while (i < p.Length && node is not null)
        {
            if (p[i] == '.')
            {
                var end = i + 1;
                while (end < p.Length && p[end] != '.' && p[end] != '[') end++;
                node = (node as JsonObject)?[p[(i + 1)..end]];
                i = end;
            }
            else if (p[i] == '[')
            {
                var end = p.IndexOf(']', i);
                if (end < 0) return null;
                var inner = p[(i + 1)..end];
                if (inner.StartsWith("?(", StringComparison.Ordinal))
                {
                    // Closing bracket of the filter may follow quoted text containing ']': search from the closing ')'.
                    end = p.IndexOf(")]", i, StringComparison.Ordinal) + 1;
                    if (end <= 0) return null;
                    node = Filter(node as JsonArray, p[(i + 3)..(end - 1)]);
                }
                else if (int.TryParse(inner, out var index))
                {
                    node = node is JsonArray a && index >= 0 && index < a.Count ? a[index] : null;
                }
                else
                {
                    node = (node as JsonObject)?[inner.Trim('\'', '"')];
                }
                i = end + 1;
            }
            else return null;
        }
        return node;
    }

    private static JsonNode? Filter(JsonArray? array, string expression)
    {
        if (array is null) return null;
        var eq = expression.IndexOf("==", StringComparison.Ordinal);
        if (eq < 0 || !expression.StartsWith("@.", StringComparison.Ordinal)) return null;
        var field = expression[2..eq].Trim();
        var expected = expression[(eq + 2)..].Trim().Trim('"', '\'');
        return array.OfType<JsonObject>().FirstOrDefault(o => o[field] is JsonValue v && (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) == expected);
    }
}
