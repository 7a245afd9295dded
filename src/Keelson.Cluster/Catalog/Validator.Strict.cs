using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Keelson.Cluster.Catalog;

public static partial class Validator
{
    private static readonly Lazy<Dictionary<(string Group, string Version, string Kind), Type>> ModelTypes = new(FindModelTypes);
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, Type>?> Properties = new();

    /// <summary>
    /// The fields of <paramref name="obj"/> its kind does not declare, as strict decoding reports them
    /// (<c>unknown field "spec.template.spec.containers[0].bogus"</c>). Built-in kinds are checked against the
    /// KubernetesClient model of the kind; custom resources against the CRD schema. Empty when the type has no model.
    /// </summary>
    public static IReadOnlyList<FieldError> UnknownFields(ResourceType type, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(obj);
        var errors = new List<FieldError>();
        if (type.IsCustom)
        {
            if (type.Schema is not null) WalkSchema(type.Schema, obj, "", isRoot: true, prune: false, errors);
        }
        else if (ModelTypes.Value.TryGetValue((type.Group, type.Version, type.Kind), out var model))
        {
            WalkModel(model, obj, "", prune: false, errors);
        }
        return errors;
    }

    /// <summary>
    /// Removes the fields the kind does not declare, as the apiserver drops them outside strict mode (pruning of
    /// custom resources, decoding into typed objects for built-ins). Returns the paths removed.
    /// </summary>
    public static IReadOnlyList<string> Prune(ResourceType type, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(obj);
        var removed = new List<FieldError>();
        if (type.IsCustom)
        {
            if (type.Schema is not null) WalkSchema(type.Schema, obj, "", isRoot: true, prune: true, removed);
        }
        else if (ModelTypes.Value.TryGetValue((type.Group, type.Version, type.Kind), out var model))
        {
            WalkModel(model, obj, "", prune: true, removed);
        }
        return removed.Select(e => e.Field).ToList();
    }

    private static Dictionary<(string, string, string), Type> FindModelTypes()
    {
        var result = new Dictionary<(string, string, string), Type>();
        foreach (var t in typeof(V1Deployment).Assembly.GetTypes())
        {
            if (t.GetCustomAttribute<KubernetesEntityAttribute>() is { } e && !t.Name.EndsWith("List", StringComparison.Ordinal))
                result.TryAdd((e.Group ?? "", e.ApiVersion ?? "", e.Kind ?? ""), t);
        }
        return result;
    }

    private static void WalkModel(Type type, JsonNode? node, string path, bool prune, List<FieldError> errors)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (node is null || IsScalar(type)) return;
        if (ElementType(type, typeof(IDictionary<,>), 1) is { } valueType)
        {
            if (node is JsonObject map)
                foreach (var (key, value) in map) WalkModel(valueType, value, $"{path}[{key}]", prune, errors);
            return;
        }
        if (ElementType(type, typeof(IEnumerable<>), 0) is { } itemType)
        {
            if (node is JsonArray array)
                for (var i = 0; i < array.Count; i++) WalkModel(itemType, array[i], $"{path}[{i}]", prune, errors);
            return;
        }
        if (node is not JsonObject obj || PropertiesOf(type) is not { } properties) return;
        foreach (var (key, value) in obj.ToList())
        {
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (properties.TryGetValue(key, out var propertyType)) WalkModel(propertyType, value, childPath, prune, errors);
            else
            {
                errors.Add(FieldErrors.Unknown(childPath));
                if (prune) obj.Remove(key);
            }
        }
    }

    private static bool IsScalar(Type t) =>
        t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime) || t == typeof(DateTimeOffset) ||
        t == typeof(byte[]) || t == typeof(object) || t == typeof(System.Text.Json.JsonElement) ||
        // IntOrString and ResourceQuantity carry their own converters: they are scalars on the wire.
        t.GetCustomAttribute<JsonConverterAttribute>() is not null;

    private static Type? ElementType(Type t, Type genericInterface, int argument)
    {
        if (t == typeof(string)) return null;
        var candidates = t.IsInterface ? t.GetInterfaces().Append(t) : t.GetInterfaces();
        foreach (var i in candidates)
        {
            if (i.IsGenericType && i.GetGenericTypeDefinition() == genericInterface) return i.GetGenericArguments()[argument];
        }
        return null;
    }

    private static IReadOnlyDictionary<string, Type>? PropertiesOf(Type t) => Properties.GetOrAdd(t, static type =>
    {
        var map = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetCustomAttribute<JsonPropertyNameAttribute>() is { } name) map[name.Name] = p.PropertyType;
        }
        return map.Count == 0 ? null : map;
    });
}
