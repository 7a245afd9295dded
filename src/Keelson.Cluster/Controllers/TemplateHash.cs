using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Cluster.Controllers;

/// <summary>
/// The pod-template-hash and controller-revision-hash values: FNV-32a over the object (its canonical JSON with sorted
/// keys, where Kubernetes hashes its Go dump) and the collision count, written in the safe alphabet Kubernetes uses for
/// generated names (rand.SafeEncodeString), always 10 characters. Stable across restarts, not bit-equal to Kubernetes.
/// </summary>
internal static class TemplateHash
{
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(JsonNode? template, int collisionCount = 0)
    {
        var builder = new StringBuilder();
        Canonical(template, builder);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(builder.ToString())) hash = (hash ^ b) * 16777619u;
        if (collisionCount > 0)
        {
            foreach (var b in BitConverter.GetBytes(collisionCount)) hash = (hash ^ b) * 16777619u;
        }
        var digits = hash.ToString("D10", CultureInfo.InvariantCulture);
        var encoded = new char[digits.Length];
        for (var i = 0; i < digits.Length; i++) encoded[i] = SafeAlphabet[digits[i] % SafeAlphabet.Length];
        return new string(encoded);
    }

    private static void Canonical(JsonNode? node, StringBuilder builder)
    {
        switch (node)
        {
            case JsonObject obj:
                builder.Append('{');
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (value is null) continue;
                    builder.Append(JsonSerializer.Serialize(key)).Append(':');
                    Canonical(value, builder);
                    builder.Append(',');
                }
                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                foreach (var item in array)
                {
                    Canonical(item, builder);
                    builder.Append(',');
                }
                builder.Append(']');
                break;
            case null:
                builder.Append("null");
                break;
            default:
                builder.Append(node.ToJsonString());
                break;
        }
    }
}
