using System.Text.Json.Nodes;

namespace Keelson.Cluster.Controllers;

/// <summary>Integers from JSON values, whether decoded from the store or built in memory from CLR numbers.</summary>
internal static class Numbers
{
    public static int? Int(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<long>(out var l)) return (int)l;
        if (v.TryGetValue<double>(out var d)) return (int)d;
        return null;
    }
}
