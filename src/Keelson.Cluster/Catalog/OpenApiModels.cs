using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// Reflection over the KubernetesClient model types (<c>k8s.Models.V1Deployment</c> …) that the OpenAPI schemas
/// are generated from: the model of a kind, the JSON properties of a model, and the shape of a property's type.
/// </summary>
internal static class OpenApiModels
{
    private static readonly ConcurrentDictionary<(string Group, string Version, string Kind), Type?> Kinds = new();
    private static readonly Lazy<Dictionary<(string Group, string Version, string Kind), Type>> AllKinds = new(ScanKinds);
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<(string Name, PropertyInfo Property)>> Properties = new();

    /// <summary>The model type of a built-in kind, or null when KubernetesClient has none.</summary>
    public static Type? ForKind(string group, string version, string kind) =>
        Kinds.GetOrAdd((group, version, kind), static key => GuessKind(key) ?? AllKinds.Value.GetValueOrDefault(key));

    /// <summary>The JSON properties of a model type, ordered by name; empty for types that are not objects on the wire.</summary>
    public static IReadOnlyList<(string Name, PropertyInfo Property)> PropertiesOf(Type type) => Properties.GetOrAdd(type, static t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, Property: p))
            .Where(p => p.Name is not null)
            .Select(p => (p.Name!, p.Property))
            .OrderBy(p => p.Item1, StringComparer.Ordinal)
            .ToList());

    /// <summary>What a CLR type is on the wire.</summary>
    public static ModelShape ShapeOf(Type type, out Type? element)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        element = null;
        if (type == typeof(string) || type.IsEnum) return ModelShape.String;
        if (type == typeof(bool)) return ModelShape.Boolean;
        if (type == typeof(int) || type == typeof(short) || type == typeof(byte)) return ModelShape.Int32;
        if (type == typeof(long) || type == typeof(uint) || type == typeof(ulong)) return ModelShape.Int64;
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return ModelShape.Number;
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset)) return ModelShape.Time;
        if (type == typeof(byte[])) return ModelShape.Bytes;
        if (type == typeof(IntOrString)) return ModelShape.IntOrString;
        if (type == typeof(ResourceQuantity)) return ModelShape.Quantity;
        if (type == typeof(object) || type == typeof(JsonElement) || typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(type)) return ModelShape.Any;
        if (ElementType(type, typeof(IDictionary<,>), 1) is { } value)
        {
            element = value;
            return ModelShape.Map;
        }
        if (ElementType(type, typeof(IEnumerable<>), 0) is { } item)
        {
            element = item;
            return ModelShape.Array;
        }
        // Types with their own converter (other than the ones above) are scalars of unknown format.
        if (type.GetCustomAttribute<JsonConverterAttribute>() is not null) return ModelShape.String;
        return PropertiesOf(type).Count > 0 ? ModelShape.Object : ModelShape.Any;
    }

    /// <summary>The class types reachable from <paramref name="root"/> (itself included), breadth first.</summary>
    public static IEnumerable<Type> Reachable(Type root)
    {
        var seen = new HashSet<Type> { root };
        var queue = new Queue<Type>();
        queue.Enqueue(root);
        while (queue.TryDequeue(out var type))
        {
            yield return type;
            foreach (var (_, property) in PropertiesOf(type))
            {
                var t = property.PropertyType;
                var shape = ShapeOf(t, out var element);
                while (shape is ModelShape.Array or ModelShape.Map)
                {
                    t = element!;
                    shape = ShapeOf(t, out element);
                }
                if (shape == ModelShape.Object && seen.Add(t)) queue.Enqueue(t);
            }
        }
    }

    private static Type? ElementType(Type t, Type genericInterface, int argument)
    {
        var candidates = t.IsInterface ? t.GetInterfaces().Append(t) : t.GetInterfaces();
        foreach (var i in candidates)
        {
            if (i.IsGenericType && i.GetGenericTypeDefinition() == genericInterface) return i.GetGenericArguments()[argument];
        }
        return null;
    }

    // KubernetesClient names models "V1Deployment", or "Corev1Event"/"Eventsv1Event" where two groups share a kind:
    // try those names (and check the entity attribute) before scanning the whole assembly, which takes a second.
    private static Type? GuessKind((string Group, string Version, string Kind) key)
    {
        var assembly = typeof(V1Deployment).Assembly;
        var version = char.ToUpperInvariant(key.Version[0]) + key.Version[1..];
        var prefix = key.Group.Length == 0 ? "Core" : char.ToUpperInvariant(key.Group[0]) + key.Group.Split('.')[0][1..];
        foreach (var name in new[] { version + key.Kind, prefix + key.Version + key.Kind })
        {
            if (assembly.GetType("k8s.Models." + name) is { } t && t.GetCustomAttribute<KubernetesEntityAttribute>() is { } e &&
                (e.Group ?? "") == key.Group && e.ApiVersion == key.Version && e.Kind == key.Kind)
                return t;
        }
        return null;
    }

    private static Dictionary<(string, string, string), Type> ScanKinds()
    {
        var result = new Dictionary<(string, string, string), Type>();
        foreach (var t in typeof(V1Deployment).Assembly.GetTypes())
        {
            if (t.GetCustomAttribute<KubernetesEntityAttribute>() is { } e && !t.Name.EndsWith("List", StringComparison.Ordinal))
                result.TryAdd((e.Group ?? "", e.ApiVersion ?? "", e.Kind ?? ""), t);
        }
        return result;
    }
}
