using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// Renders objects as a meta.k8s.io/v1 Table with the columns a real apiserver prints for kubectl get (priority 0;
/// priority 1 columns appear with -o wide). Custom resources use their additionalPrinterColumns. Pure: the current
/// time is passed in.
/// </summary>
public static partial class TableConverter
{
    private sealed record Column(string Name, string Type, int Priority, Func<JsonObject, JsonNode?> Cell, string Format = "");

    public static JsonObject ToTable(ResourceType type, IReadOnlyList<JsonObject> objects, string resourceVersion, DateTimeOffset now, bool includeObject = true)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(objects);
        var columns = ColumnsFor(type, now);
        var definitions = new JsonArray();
        foreach (var c in columns)
        {
            definitions.Add(new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Format,
                ["description"] = c.Name,
                ["priority"] = c.Priority,
            });
        }
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var cells = new JsonArray();
            foreach (var c in columns) cells.Add(c.Cell(obj));
            var row = new JsonObject { ["cells"] = cells };
            if (includeObject)
            {
                row["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
                };
            }
            rows.Add(row);
        }
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["columnDefinitions"] = definitions,
            ["rows"] = rows,
        };
    }

    /// <summary>Kubernetes' duration.HumanDuration: "5s", "3m20s", "2d", "3y45d".</summary>
    public static string HumanDuration(TimeSpan d)
    {
        var seconds = (long)Math.Floor(d.TotalSeconds);
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return $"{seconds}s";
        var minutes = seconds / 60;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? $"{minutes}m" : $"{minutes}m{s}s";
        }
        if (minutes < 60 * 3) return $"{minutes}m";
        var hours = minutes / 60;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? $"{hours}h" : $"{hours}h{m}m";
        }
        if (hours < 48) return $"{hours}h";
        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? $"{hours / 24}d" : $"{hours / 24}d{h}h";
        }
        if (hours < 24 * 365 * 2) return $"{hours / 24}d";
        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{dy}d";
        }
        return $"{hours / 24 / 365}y";
    }

    private static Column NameColumn() => new("Name", "string", 0, o => o.GetName() ?? "", "name");

    private static Column AgeColumn(DateTimeOffset now) => new("Age", "string", 0, o => Age(o.GetMetadata()?.GetString("creationTimestamp"), now));

    private static string Age(string? timestamp, DateTimeOffset now) =>
        DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? HumanDuration(now - t) : "<unknown>";

    private static string S(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node is JsonValue ? node.ToJsonString() : "";

    private static long N(JsonNode? node) => JsonNumbers.Long(node) ?? 0;

    private static JsonNode? At(JsonObject o, params string[] path) => o.GetPath(path);

    private static IEnumerable<JsonObject> Items(JsonNode? node) => node is JsonArray a ? a.OfType<JsonObject>() : [];

    private static string OrNone(string s) => s.Length == 0 ? "<none>" : s;

    private static string Containers(JsonObject podSpec) => OrNone(string.Join(",", Items(podSpec["containers"]).Select(c => S(c["name"]))));

    private static string Images(JsonObject podSpec) => OrNone(string.Join(",", Items(podSpec["containers"]).Select(c => S(c["image"]))));

    /// <summary>A LabelSelector as kubectl prints it: "app=web,tier in (a,b)".</summary>
    private static string Selector(JsonNode? selector)
    {
        if (selector is not JsonObject sel) return "<none>";
        var parts = new List<string>();
        if (sel["matchLabels"] is JsonObject ml) parts.AddRange(ml.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={S(p.Value)}"));
        foreach (var e in Items(sel["matchExpressions"]))
        {
            var values = e["values"] is JsonArray vs ? string.Join(",", vs.Select(S)) : "";
            parts.Add(S(e["operator"]) switch
            {
                "In" => $"{S(e["key"])} in ({values})",
                "NotIn" => $"{S(e["key"])} notin ({values})",
                "Exists" => S(e["key"]),
                "DoesNotExist" => "!" + S(e["key"]),
                _ => S(e["key"]),
            });
        }
        return parts.Count == 0 ? "<none>" : string.Join(",", parts);
    }

    /// <summary>A plain label map as a selector string ("app=web"), as Services and node selectors print.</summary>
    private static string MapSelector(JsonNode? map) =>
        map is JsonObject m && m.Count > 0 ? string.Join(",", m.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={S(p.Value)}")) : "<none>";
}
