using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Keelson.Cluster.Catalog;

public static partial class Validator
{
    /// <summary>
    /// Values whose JSON type cannot decode into the built-in kind's Go type (a string where an int32 belongs, a list
    /// where a map belongs), worded as kube-apiserver's decoder reports them. The apiserver refuses such a body with
    /// 400 before any validation. Empty for custom resources (their schema validation reports types as 422).
    /// </summary>
    public static IReadOnlyList<string> TypeMismatches(ResourceType type, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(obj);
        var errors = new List<string>();
        if (!type.IsCustom && ModelTypes.Value.TryGetValue((type.Group, type.Version, type.Kind), out var model))
        {
            CheckTypes(model, obj, "", errors);
        }
        return errors;
    }

    /// <summary>The 400 message for a body that does not decode: "Deployment in version "v1" cannot be handled as a Deployment: …".</summary>
    public static string DecodingMessage(ResourceType type, IReadOnlyList<string> mismatches) =>
        $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: {string.Join(", ", mismatches)}";

    private static void CheckTypes(Type type, JsonNode? node, string path, List<string> errors)
    {
        if (node is null) return;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(object) || type == typeof(JsonElement)) return;
        if (IsScalar(type))
        {
            if (node is not JsonValue value || !ScalarFits(type, value))
            {
                errors.Add($"json: cannot unmarshal {JsonKind(node)} into Go struct field {path} of type {GoType(type)}");
            }
            return;
        }
        if (ElementType(type, typeof(IDictionary<,>), 1) is { } valueType)
        {
            if (node is not JsonObject map)
            {
                errors.Add($"json: cannot unmarshal {JsonKind(node)} into Go struct field {path} of type map[string]{GoType(valueType)}");
                return;
            }
            foreach (var (key, value) in map) CheckTypes(valueType, value, $"{path}.{key}", errors);
            return;
        }
        if (ElementType(type, typeof(IEnumerable<>), 0) is { } itemType)
        {
            if (node is not JsonArray array)
            {
                errors.Add($"json: cannot unmarshal {JsonKind(node)} into Go struct field {path} of type []{GoType(itemType)}");
                return;
            }
            for (var i = 0; i < array.Count; i++) CheckTypes(itemType, array[i], path, errors);
            return;
        }
        if (node is not JsonObject obj)
        {
            errors.Add($"json: cannot unmarshal {JsonKind(node)} into Go struct field {(path.Length == 0 ? "." : path)} of type {GoType(type)}");
            return;
        }
        if (PropertiesOf(type) is not { } properties) return;
        foreach (var (key, value) in obj)
        {
            if (properties.TryGetValue(key, out var propertyType)) CheckTypes(propertyType, value, path.Length == 0 ? key : $"{path}.{key}", errors);
        }
    }

    private static bool ScalarFits(Type type, JsonValue value)
    {
        var kind = value.GetValueKind();
        if (type == typeof(string) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(byte[]) || type.IsEnum)
        {
            return kind == JsonValueKind.String;
        }
        if (type == typeof(bool)) return kind is JsonValueKind.True or JsonValueKind.False;
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) || type == typeof(ulong) || type == typeof(byte))
        {
            // In-process writers (controllers) build values from CLR ints, which TryGetValue<long> does not convert.
            return kind == JsonValueKind.Number && (value.TryGetValue<int>(out _) || value.TryGetValue<long>(out _) || value.TryGetValue<ulong>(out _) || IsIntegralDouble(value));
        }
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return kind == JsonValueKind.Number;
        // IntOrString and Quantity: a string or a number.
        if (type.GetCustomAttribute<JsonConverterAttribute>() is not null) return kind is JsonValueKind.String or JsonValueKind.Number;
        return true;
    }

    private static bool IsIntegralDouble(JsonValue value) =>
        value.TryGetValue<double>(out var d) && Math.Abs(d % 1) < double.Epsilon && Math.Abs(d) < 9.2e18;

    private static string JsonKind(JsonNode node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "bool",
            _ => "value",
        },
        _ => "value",
    };

    private static string GoType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type.IsEnum) return "string";
        if (type == typeof(int)) return "int32";
        if (type == typeof(long)) return "int64";
        if (type == typeof(bool)) return "bool";
        if (type == typeof(double) || type == typeof(float)) return "float64";
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset)) return "v1.Time";
        if (type == typeof(byte[])) return "[]uint8";
        var name = type.Name;
        // k8s.Models.V1DeploymentSpec → v1.DeploymentSpec
        var match = System.Text.RegularExpressions.Regex.Match(name, "^(V\\d+(?:alpha\\d+|beta\\d+)?)(.+)$");
        return match.Success ? $"{match.Groups[1].Value.ToLowerInvariant()}.{match.Groups[2].Value}" : name;
    }
}
