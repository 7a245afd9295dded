using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Kustomize;

/// <summary>
/// Writes resources as <c>kubectl get -o json</c> prints several objects: one <c>v1 List</c> with
/// <c>metadata.resourceVersion: ""</c>, indented by four spaces, keys sorted, strings escaped as Go's encoding/json does.
/// </summary>
public static class KubectlJsonWriter
{
    public static string WriteList(IEnumerable<JsonObject> items)
    {
        var list = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["items"] = new JsonArray(items.Select(i => (JsonNode)i.DeepClone()).ToArray()),
            ["kind"] = "List",
            ["metadata"] = new JsonObject { ["resourceVersion"] = "" },
        };
        var sb = new StringBuilder();
        Write(sb, list, 0);
        return sb.Append('\n').ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node, int indent)
    {
        switch (node)
        {
            case JsonObject { Count: 0 }:
                sb.Append("{}");
                break;
            case JsonObject map:
                sb.Append("{\n");
                var first = true;
                foreach (var key in map.Select(p => p.Key).Order(StringComparer.Ordinal))
                {
                    if (!first) sb.Append(",\n");
                    first = false;
                    sb.Append(' ', indent + 4);
                    GoJson.Write(sb, JsonValue.Create(key));
                    sb.Append(": ");
                    Write(sb, map[key], indent + 4);
                }
                sb.Append('\n').Append(' ', indent).Append('}');
                break;
            case JsonArray { Count: 0 }:
                sb.Append("[]");
                break;
            case JsonArray list:
                sb.Append("[\n");
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0) sb.Append(",\n");
                    sb.Append(' ', indent + 4);
                    Write(sb, list[i], indent + 4);
                }
                sb.Append('\n').Append(' ', indent).Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var d) && d != Math.Floor(d):
                sb.Append(GoFloat(d));
                break;
            default:
                GoJson.Write(sb, node);
                break;
        }
    }

    /// <summary>Go's encoding/json float format: shortest round-trip digits, exponent form below 1e-6 or from 1e21.</summary>
    private static string GoFloat(double d)
    {
        var abs = Math.Abs(d);
        if (abs is >= 1e21 or < 1e-6 and > 0)
        {
            var s = d.ToString("R", System.Globalization.CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
            // Go writes e-07 as e-07 and e+21 as e+21: two exponent digits at least.
            var at = s.IndexOf('e', StringComparison.Ordinal);
            if (at >= 0)
            {
                var sign = s[at + 1] is '-' or '+' ? s[at + 1].ToString() : "+";
                var digits = s[(at + 1)..].TrimStart('-', '+');
                s = s[..at] + "e" + sign + digits.PadLeft(2, '0');
            }
            return s;
        }
        return d.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }
}
