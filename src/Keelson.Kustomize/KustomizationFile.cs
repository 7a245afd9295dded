using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Resources.Serialization;

namespace Keelson.Kustomize;

/// <summary>
/// A kustomization file as <c>kustomize edit</c> reads and rewrites it: decoded into kustomize's typed fields (unknown
/// fields refused; <c>bases</c> folded into <c>resources</c>, <c>imageTags</c> into <c>images</c>, a generator's
/// <c>env</c> into <c>envs</c>, <c>apiVersion</c>/<c>kind</c> defaulted), then written back field by field: the
/// fields the file had, in the file's order, each after the comment and blank lines that preceded it, then new
/// fields in kustomize's fixed order. Each field is written as kustomize writes it (JSON → YAML: keys sorted,
/// empty values of optional fields dropped); comments inside a field move above it, as they do with kustomize.
/// </summary>
public sealed class KustomizationFile
{
    /// <summary>kustomize's field order for writing a kustomization (its <c>fieldMarshallingOrder</c>).</summary>
    public static readonly string[] FieldOrder =
    [
        "apiVersion", "kind", "metadata", "sortOptions", "resources", "bases", "namePrefix", "nameSuffix", "namespace", "crds",
        "commonLabels", "labels", "commonAnnotations", "patchesStrategicMerge", "patchesJson6902", "patches",
        "configMapGenerator", "secretGenerator", "helmCharts", "helmChartInflationGenerator", "helmGlobals",
        "generatorOptions", "vars", "images", "replacements", "replicas", "configurations", "generators", "transformers",
        "validators", "components", "openapi", "buildMetadata",
    ];

    private static readonly HashSet<string> Fields = [.. FieldOrder, "imageTags"];
    private static readonly HashSet<string> PointerFields = ["metadata", "sortOptions", "helmGlobals", "generatorOptions"];
    private static readonly HashSet<string> StringMapKeys = ["commonLabels", "commonAnnotations", "openapi", "pairs", "labels", "annotations"];
    private static readonly HashSet<string> AlwaysWritten = ["count", "select", "orderFirst", "orderLast"];

    private readonly List<(string Field, string Comment)> _originalFields;

    private KustomizationFile(JsonObject kustomization, List<(string Field, string Comment)> originalFields)
    {
        Kustomization = kustomization;
        _originalFields = originalFields;
    }

    /// <summary>The decoded, fixed-up kustomization; edits change it before <see cref="Write"/>.</summary>
    public JsonObject Kustomization { get; }

    public static KustomizationFile Parse(string text, string path)
    {
        IReadOnlyList<JsonNode?> docs;
        try
        {
            docs = YamlDocuments.Parse(text, path);
        }
        catch (YamlFormatException e)
        {
            throw new KustomizeException($"{path}: invalid Kustomization: {e.Message}", e);
        }
        var k = docs.Count > 0 && docs[0] is JsonObject o ? (JsonObject)o.DeepClone() : docs.Count == 0 || docs[0] is null ? [] :
            throw new KustomizeException($"{path}: invalid Kustomization: the file does not hold a mapping");
        foreach (var (key, _) in k)
        {
            if (!Fields.Contains(key))
                throw new KustomizeException($"{path}: invalid Kustomization: json: unknown field \"{key}\"");
        }
        Fix(k);
        return new KustomizationFile(k, CommentedFields(text));
    }

    /// <summary>The file text kustomize writes for the (edited) kustomization.</summary>
    public string Write()
    {
        var sb = new StringBuilder();
        foreach (var (field, comment) in _originalFields)
        {
            sb.Append(comment);
            WriteField(sb, field);
        }
        foreach (var field in FieldOrder)
        {
            if (_originalFields.Any(f => f.Field == field)) continue;
            WriteField(sb, field);
        }
        return sb.ToString();
    }

    private void WriteField(StringBuilder sb, string field)
    {
        var value = Kustomization[field];
        var empty = value switch
        {
            null => true,
            JsonObject map => map.Count == 0 && !PointerFields.Contains(field),
            JsonArray list => list.Count == 0,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length == 0,
            _ => false,
        };
        if (empty) return;
        KustomizeYamlWriter.Write(sb, new JsonObject { [field] = Normalize(value, field, inStringMap: StringMapKeys.Contains(field)) });
    }

    /// <summary>What Go's encoding/json writes for kustomize's typed value: optional empty members dropped.</summary>
    private static JsonNode? Normalize(JsonNode? node, string key, bool inStringMap)
    {
        switch (node)
        {
            case JsonObject map when inStringMap:
                return map.DeepClone();
            case JsonObject map:
                var result = new JsonObject();
                foreach (var (k, v) in map)
                {
                    var isMap = StringMapKeys.Contains(k) || (k == "options" && key is "patches" or "patchesJson6902");
                    if (!AlwaysWritten.Contains(k) && IsEmptyOptional(v, isMap)) continue;
                    result[k] = Normalize(v, k, isMap);
                }
                return result;
            case JsonArray list:
                return new JsonArray(list.Select(item => Normalize(item, key, inStringMap: false)).ToArray());
            default:
                return node?.DeepClone();
        }
    }

    private static bool IsEmptyOptional(JsonNode? node, bool isMap) => node switch
    {
        null => true,
        JsonObject map => isMap && map.Count == 0,
        JsonArray list => list.Count == 0,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>().Length == 0,
            JsonValueKind.False => true,
            JsonValueKind.Number => v.TryGetValue<double>(out var d) && d == 0,
            _ => false,
        },
        _ => false,
    };

    /// <summary>kustomize's FixKustomization: defaults and deprecated fields folded into their replacements.</summary>
    private static void Fix(JsonObject k)
    {
        if (k["kind"] is null || k["kind"]?.GetValueKind() == JsonValueKind.String && k["kind"]!.GetValue<string>().Length == 0)
            k["kind"] = "Kustomization";
        if (k["apiVersion"] is null || k["apiVersion"]?.GetValueKind() == JsonValueKind.String && k["apiVersion"]!.GetValue<string>().Length == 0)
        {
            k["apiVersion"] = k["kind"]!.GetValue<string>() == "Component"
                ? "kustomize.config.k8s.io/v1alpha1"
                : "kustomize.config.k8s.io/v1beta1";
        }
        Append(k, "resources", "bases");
        Append(k, "images", "imageTags");
        foreach (var generator in new[] { "configMapGenerator", "secretGenerator" })
        {
            if (k[generator] is not JsonArray list) continue;
            foreach (var g in list.OfType<JsonObject>())
            {
                if (g["env"] is JsonValue env && env.GetValueKind() == JsonValueKind.String && env.GetValue<string>().Length > 0)
                {
                    var envs = g["envs"] as JsonArray ?? [];
                    envs.Add(env.GetValue<string>());
                    g["envs"] = envs;
                }
                g.Remove("env");
            }
        }
    }

    private static void Append(JsonObject k, string into, string from)
    {
        if (k[from] is JsonArray extra && extra.Count > 0)
        {
            var target = k[into] as JsonArray ?? [];
            foreach (var item in extra) target.Add(item?.DeepClone());
            k[into] = target;
        }
        k.Remove(from);
    }

    /// <summary>
    /// The top-level fields in file order, each with the comment and blank lines before it. Comment lines that
    /// precede a line that is not a field are attached to the previous field (kustomize's rule); comments after the
    /// last field, and a last line without a newline, are not kept.
    /// </summary>
    private static List<(string Field, string Comment)> CommentedFields(string text)
    {
        var fields = new List<(string Field, string Comment)>();
        var comments = new StringBuilder();
        var start = 0;
        while (true)
        {
            var newline = text.IndexOf('\n', start);
            if (newline < 0) break;
            var line = text[start..(newline + 1)];
            start = newline + 1;
            var trimmed = line.TrimStart(' ').TrimEnd('\n');
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                comments.Append(line);
                continue;
            }
            var field = FieldOrder.FirstOrDefault(f => line.Length > f.Length && line[f.Length] == ':' && line.StartsWith(f, StringComparison.OrdinalIgnoreCase));
            if (field is not null)
            {
                fields.Add((field, comments.ToString()));
                comments.Clear();
            }
            else if (comments.Length > 0 && fields.Count > 0)
            {
                fields[^1] = (fields[^1].Field, fields[^1].Comment + comments);
                comments.Clear();
            }
        }
        return fields;
    }
}
