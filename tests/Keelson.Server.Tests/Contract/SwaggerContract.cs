using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Server.Tests.Contract;

/// <summary>
/// Argo CD's REST contract: the response schema of every path and the definitions they use, as derived from Argo CD's
/// <c>assets/swagger.json</c> into testdata/contract/contract.json (see extract.py there). Checks a response the way a
/// client generated from that swagger reads it: every field must be one the type declares, with the declared JSON type.
/// </summary>
/// <remarks>
/// Argo CD's gateway writes JSON with Go's encoding/json, not the proto mapping the swagger was generated from, so the
/// few Kubernetes types that marshal themselves are taken as Go writes them (<see cref="SelfMarshalled"/>), a null
/// stands for any value Go leaves nil, and a Kubernetes object (a type with ObjectMeta or ListMeta) may carry the
/// <c>apiVersion</c> and <c>kind</c> of the TypeMeta Go inlines, which the proto-generated swagger leaves out.
/// </remarks>
public sealed class SwaggerContract
{
    private static readonly Lazy<SwaggerContract> Loaded = new(() => new SwaggerContract(
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "contract", "contract.json")))!.AsObject()));

    /// <summary>Types with their own MarshalJSON in Go, and what they are written as.</summary>
    private static readonly Dictionary<string, Func<JsonNode, bool>> SelfMarshalled = new(StringComparer.Ordinal)
    {
        ["v1Time"] = v => IsTimestamp(v),
        ["v1MicroTime"] = v => IsTimestamp(v),
        ["v1FieldsV1"] = v => v is JsonObject,
        ["runtimeRawExtension"] = _ => true,
        ["v1JSON"] = _ => true,
        ["intstrIntOrString"] = v => v.GetValueKind() is JsonValueKind.Number or JsonValueKind.String,
    };

    private readonly JsonObject _paths;
    private readonly JsonObject _definitions;

    private SwaggerContract(JsonObject contract)
    {
        _paths = contract["paths"]!.AsObject();
        _definitions = contract["definitions"]!.AsObject();
        Commit = contract["source"]?["commit"]?.ToString() ?? "";
    }

    public static SwaggerContract Instance => Loaded.Value;

    /// <summary>The argo-cd commit the contract was taken from.</summary>
    public string Commit { get; }

    /// <summary>Every "METHOD /path" the contract declares a 200 response for.</summary>
    public IEnumerable<string> Operations => _paths.Select(p => p.Key);

    /// <summary>Where <paramref name="response"/> departs from the 200 schema of <paramref name="operation"/> ("GET /api/v1/applications").</summary>
    public IReadOnlyList<string> Check(string operation, JsonNode? response)
    {
        if (_paths[operation] is not JsonObject schema) throw new ArgumentException($"Argo CD's swagger has no operation '{operation}'", nameof(operation));
        var violations = new List<string>();
        Walk(schema, response, "$", violations, depth: 0);
        return violations;
    }

    /// <summary>Where <paramref name="value"/> departs from definition <paramref name="definition"/> ("v1alpha1Application").</summary>
    public IReadOnlyList<string> CheckDefinition(string definition, JsonNode? value)
    {
        var violations = new List<string>();
        Walk(new JsonObject { ["ref"] = definition }, value, "$", violations, depth: 0);
        return violations;
    }

    /// <summary>Fails naming every departure of <paramref name="response"/> from the contract of <paramref name="operation"/>.</summary>
    public static void AssertConforms(string operation, JsonNode? response)
    {
        var violations = Instance.Check(operation, response);
        Assert.True(violations.Count == 0,
            $"{operation}: the response departs from Argo CD's swagger ({Instance.Commit[..Math.Min(12, Instance.Commit.Length)]}):\n  " + string.Join("\n  ", violations));
    }

    private void Walk(JsonObject schema, JsonNode? value, string at, List<string> violations, int depth)
    {
        if (value is null) return;
        if (depth > 64) return;
        if (schema["ref"]?.ToString() is { } reference)
        {
            if (SelfMarshalled.TryGetValue(reference, out var accepts))
            {
                if (!accepts(value)) violations.Add($"{at}: {Describe(value)} is not a {reference} as Go writes it");
                return;
            }
            if (_definitions[reference] is not JsonObject definition)
            {
                violations.Add($"{at}: the contract has no definition {reference}");
                return;
            }
            Walk(definition, value, at, violations, depth + 1);
            return;
        }
        var type = schema["type"]?.ToString();
        var format = schema["format"]?.ToString();
        switch (type)
        {
            case "string":
                // Go's encoding/json writes int64 and uint64 as numbers where the proto mapping writes strings.
                if (value.GetValueKind() == JsonValueKind.Number && format is "int64" or "uint64") return;
                if (value.GetValueKind() != JsonValueKind.String) violations.Add($"{at}: {Describe(value)} where the contract has a string");
                else if (format == "byte" && !IsBase64(value.GetValue<string>())) violations.Add($"{at}: a string that is not base64 where the contract has bytes");
                else if (format == "date-time" && !IsTimestamp(value)) violations.Add($"{at}: '{value}' is not an RFC 3339 time");
                return;
            case "integer":
                if (value.GetValueKind() != JsonValueKind.Number || !IsIntegral(value)) violations.Add($"{at}: {Describe(value)} where the contract has an integer");
                return;
            case "number":
                if (value.GetValueKind() != JsonValueKind.Number) violations.Add($"{at}: {Describe(value)} where the contract has a number");
                return;
            case "boolean":
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)) violations.Add($"{at}: {Describe(value)} where the contract has a boolean");
                return;
            case "array":
                if (value is not JsonArray array)
                {
                    violations.Add($"{at}: {Describe(value)} where the contract has an array");
                    return;
                }
                if (schema["items"] is JsonObject items)
                    for (var i = 0; i < array.Count; i++) Walk(items, array[i], $"{at}[{i}]", violations, depth + 1);
                return;
            default:
                WalkObject(schema, value, at, violations, depth);
                return;
        }
    }

    private void WalkObject(JsonObject schema, JsonNode value, string at, List<string> violations, int depth)
    {
        if (value is not JsonObject obj)
        {
            violations.Add($"{at}: {Describe(value)} where the contract has an object");
            return;
        }
        var properties = PropertiesOf(schema);
        var additional = schema["additionalProperties"] as JsonObject;
        if (properties is null && additional is null) return; // a free-form object
        var typeMeta = properties?["metadata"]?["ref"]?.ToString() is "v1ObjectMeta" or "v1ListMeta";
        foreach (var (key, child) in obj)
        {
            if (typeMeta && key is "apiVersion" or "kind" && properties![key] is null)
            {
                if (child is not null && child.GetValueKind() != JsonValueKind.String) violations.Add($"{at}.{key}: {Describe(child)} where TypeMeta has a string");
            }
            else if (properties?[key] is JsonObject property) Walk(property, child, $"{at}.{key}", violations, depth + 1);
            else if (additional is not null) Walk(additional, child, $"{at}.{key}", violations, depth + 1);
            else violations.Add($"{at}.{key}: a field the contract does not have (it has: {string.Join(", ", properties!.Select(p => p.Key))})");
        }
    }

    /// <summary>A schema's properties with those of the types it inlines (<c>allOf</c>, as ResourceNode inlines ResourceRef).</summary>
    private JsonObject? PropertiesOf(JsonObject schema)
    {
        if (schema["allOf"] is not JsonArray parts) return schema["properties"] as JsonObject;
        var merged = (schema["properties"] as JsonObject)?.DeepClone().AsObject() ?? [];
        foreach (var part in parts.OfType<JsonObject>())
        {
            var inlined = part["ref"]?.ToString() is { } name ? _definitions[name] as JsonObject : part;
            foreach (var (key, value) in inlined?["properties"] as JsonObject ?? []) merged[key] ??= value?.DeepClone();
        }
        return merged;
    }

    private static bool IsTimestamp(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)
        && value.GetValue<string>().Contains('T', StringComparison.Ordinal);

    private static bool IsIntegral(JsonNode value) => value.AsValue().TryGetValue<long>(out _) || value.AsValue().TryGetValue<ulong>(out _);

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out _);

    private static string Describe(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string '{Truncate(value.GetValue<string>())}'",
        JsonValueKind.Number => $"the number {value}",
        _ => $"the value {value.ToJsonString()}",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
