using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

public static partial class Validator
{
    private static bool Flag(JsonObject schema, string property) =>
        schema[property] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    // Unknown fields of a custom resource: those no "properties" entry declares, unless the subtree preserves unknown
    // fields or the schema has additionalProperties. At the root apiVersion, kind and metadata are always known.
    private static void WalkSchema(JsonObject schema, JsonNode? node, string path, bool isRoot, bool prune, List<FieldError> errors)
    {
        switch (node)
        {
            case JsonObject obj:
                var properties = schema["properties"] as JsonObject;
                var additional = schema["additionalProperties"];
                var preserve = Flag(schema, "x-kubernetes-preserve-unknown-fields");
                var embedded = Flag(schema, "x-kubernetes-embedded-resource");
                foreach (var (key, value) in obj.ToList())
                {
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if ((isRoot || embedded) && key is "apiVersion" or "kind" or "metadata") continue;
                    if (properties?[key] is JsonObject ps) WalkSchema(ps, value, childPath, false, prune, errors);
                    else if (additional is JsonObject additionalSchema) WalkSchema(additionalSchema, value, childPath, false, prune, errors);
                    else if (preserve || (additional is JsonValue av && av.TryGetValue<bool>(out var allowed) && allowed)) continue;
                    else
                    {
                        errors.Add(FieldErrors.Unknown(childPath));
                        if (prune) obj.Remove(key);
                    }
                }
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++) WalkSchema(items, array[i], $"{path}[{i}]", false, prune, errors);
                break;
            default:
                break;
        }
    }

    private static void ValidateSchema(JsonObject schema, JsonNode? node, string path, List<FieldError> errors, bool isRoot = false)
    {
        if (node is null) return;
        var intOrString = Flag(schema, "x-kubernetes-int-or-string");
        var type = schema.GetString("type");
        var actual = JsonType(node);
        if (intOrString)
        {
            if (actual is not ("integer" or "string"))
                errors.Add(FieldErrors.Invalid(path, actual, $"{path} in body must be of type int-or-string: {FieldErrors.Quote(actual)}"));
        }
        else if (type is { Length: > 0 } && !(type == actual || (type == "number" && actual == "integer")))
        {
            errors.Add(FieldErrors.Invalid(path, actual, $"{path} in body must be of type {type}: {FieldErrors.Quote(actual)}"));
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
            errors.Add(FieldErrors.NotSupported(path, node, allowed.Select(a => a is JsonValue av && av.TryGetValue<string>(out var s) ? s : a?.ToJsonString() ?? "null").ToArray()));

        switch (node)
        {
            case JsonObject obj:
                foreach (var required in (schema["required"] as JsonArray ?? []).Select(Str).OfType<string>())
                {
                    if (isRoot && required == "metadata") continue;
                    if (obj[required] is null) errors.Add(FieldErrors.Required(Join(path, required)));
                }
                if (schema["properties"] is JsonObject properties)
                {
                    foreach (var (key, value) in obj)
                    {
                        if (isRoot && key is "apiVersion" or "kind" or "metadata") continue;
                        if (properties[key] is JsonObject ps) ValidateSchema(ps, value, Join(path, key), errors);
                    }
                }
                if (schema["additionalProperties"] is JsonObject additional)
                {
                    foreach (var (key, value) in obj)
                    {
                        if (schema["properties"] is JsonObject p && p.ContainsKey(key)) continue;
                        ValidateSchema(additional, value, $"{path}[{key}]", errors);
                    }
                }
                break;
            case JsonArray array:
                if (Int(schema["maxItems"]) is { } maxItems && array.Count > maxItems)
                    errors.Add(new FieldError(path, FieldErrorType.TooLong, $"{path}: Too many: {array.Count}: must have at most {maxItems} items", "FieldValueTooMany"));
                if (Int(schema["minItems"]) is { } minItems && array.Count < minItems)
                    errors.Add(FieldErrors.InvalidRaw(path, array.Count.ToString(CultureInfo.InvariantCulture), $"{path} in body should have at least {minItems} items"));
                if (schema["items"] is JsonObject items)
                    for (var i = 0; i < array.Count; i++) ValidateSchema(items, array[i], $"{path}[{i}]", errors);
                break;
            case JsonValue value when value.TryGetValue<string>(out var s):
                if (Int(schema["maxLength"]) is { } maxLength && s.Length > maxLength)
                    errors.Add(new FieldError(path, FieldErrorType.TooLong, $"{path}: Too long: may not be more than {maxLength} bytes", "FieldValueTooLong"));
                if (Int(schema["minLength"]) is { } minLength && s.Length < minLength)
                    errors.Add(FieldErrors.Invalid(path, s, $"{path} in body should be at least {minLength} chars long"));
                if (schema.GetString("pattern") is { } pattern && !Regex.IsMatch(s, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
                    errors.Add(FieldErrors.Invalid(path, s, $"{path} in body should match '{pattern}'"));
                break;
            case JsonValue value when JsonNumbers.Double(value) is { } d:
                if (schema["minimum"] is JsonValue min && JsonNumbers.Double(min) is { } minimum && d < minimum)
                    errors.Add(FieldErrors.Invalid(path, value, $"{path} in body should be greater than or equal to {min.ToJsonString()}"));
                if (schema["maximum"] is JsonValue max && JsonNumbers.Double(max) is { } maximum && d > maximum)
                    errors.Add(FieldErrors.Invalid(path, value, $"{path} in body should be less than or equal to {max.ToJsonString()}"));
                break;
            default:
                break;
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string JsonType(JsonNode node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.TryGetValue<string>(out _) => "string",
        JsonValue v when v.TryGetValue<bool>(out _) => "boolean",
        JsonValue v when JsonNumbers.Double(v) is { } d => d == Math.Floor(d) && !double.IsInfinity(d) ? "integer" : "number",
        _ => "null",
    };
}
