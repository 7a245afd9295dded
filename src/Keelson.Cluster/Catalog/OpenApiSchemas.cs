using System.Text.Json.Nodes;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// Generates the OpenAPI v3 component schemas of built-in kinds by reflection over their KubernetesClient models,
/// following the apiserver's conventions: objects are referenced as <c>{"allOf":[{"$ref":…}],"default":{}}</c>,
/// lists are arrays with <c>items</c>, maps have <c>additionalProperties</c>, IntOrString, Quantity and Time are
/// named scalar schemas, and lists carry the patch extensions kubectl's client-side apply reads.
/// </summary>
internal static class OpenApiSchemas
{
    private const string RefPrefix = "#/components/schemas/";

    /// <summary>
    /// Adds the component of a built-in kind (tagged with <c>x-kubernetes-group-version-kind</c>) and of every type it
    /// references to <paramref name="schemas"/>. Returns false when KubernetesClient has no model for the kind.
    /// </summary>
    public static bool TryAddKind(ResourceType type, JsonObject schemas)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(schemas);
        if (OpenApiModels.ForKind(type.Group, type.Version, type.Kind) is not { } model) return false;
        var name = AddObject(model, schemas);
        schemas[name]!["x-kubernetes-group-version-kind"] = new JsonArray(
            new JsonObject { ["group"] = type.Group, ["kind"] = type.Kind, ["version"] = type.Version });
        return true;
    }

    private static string AddObject(Type model, JsonObject schemas)
    {
        var name = OpenApiNames.ForType(model);
        if (schemas.ContainsKey(name)) return name;
        var schema = new JsonObject();
        schemas[name] = schema; // Before the properties: models are recursive (JSONSchemaProps).
        if (OpenApiDescriptions.OfType(model) is { } description) schema["description"] = description;
        var properties = new JsonObject();
        foreach (var (propertyName, property) in OpenApiModels.PropertiesOf(model))
        {
            var shape = OpenApiModels.ShapeOf(property.PropertyType, out var element);
            var propertySchema = ValueSchema(property.PropertyType, shape, element, schemas);
            if (OpenApiDescriptions.OfProperty(property) is { } propertyDescription) propertySchema["description"] = propertyDescription;
            OpenApiPatchExtensions.Apply(model, propertyName, shape, propertySchema);
            properties[propertyName] = propertySchema;
        }
        schema["properties"] = properties;
        schema["type"] = "object";
        return name;
    }

    private static JsonObject ValueSchema(Type type, ModelShape shape, Type? element, JsonObject schemas) => shape switch
    {
        ModelShape.String => new JsonObject { ["type"] = "string" },
        ModelShape.Boolean => new JsonObject { ["type"] = "boolean" },
        ModelShape.Int32 => new JsonObject { ["format"] = "int32", ["type"] = "integer" },
        ModelShape.Int64 => new JsonObject { ["format"] = "int64", ["type"] = "integer" },
        ModelShape.Number => new JsonObject { ["format"] = "double", ["type"] = "number" },
        ModelShape.Bytes => new JsonObject { ["format"] = "byte", ["type"] = "string" },
        ModelShape.Time => AllOf(AddNamed(OpenApiNames.Time, schemas)),
        ModelShape.IntOrString => AllOf(AddNamed(OpenApiNames.IntOrString, schemas)),
        ModelShape.Quantity => AllOf(AddNamed(OpenApiNames.Quantity, schemas)),
        ModelShape.Any => new JsonObject { ["x-kubernetes-preserve-unknown-fields"] = true },
        ModelShape.Array => new JsonObject { ["items"] = ItemSchema(element!, schemas), ["type"] = "array" },
        ModelShape.Map => new JsonObject { ["additionalProperties"] = ItemSchema(element!, schemas), ["type"] = "object" },
        _ => new JsonObject
        {
            ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = RefPrefix + AddObject(Nullable.GetUnderlyingType(type) ?? type, schemas) }),
            ["default"] = new JsonObject(),
        },
    };

    // Array items and map values: objects as allOf with a default, named scalars as a plain $ref.
    private static JsonObject ItemSchema(Type type, JsonObject schemas)
    {
        var shape = OpenApiModels.ShapeOf(type, out var element);
        return shape switch
        {
            ModelShape.Time => Ref(AddNamed(OpenApiNames.Time, schemas)),
            ModelShape.IntOrString => Ref(AddNamed(OpenApiNames.IntOrString, schemas)),
            ModelShape.Quantity => Ref(AddNamed(OpenApiNames.Quantity, schemas)),
            ModelShape.String => new JsonObject { ["default"] = "", ["type"] = "string" },
            _ => ValueSchema(type, shape, element, schemas),
        };
    }

    // The named scalars as the apiserver's v3 documents define them: Time is a date-time string; IntOrString and
    // Quantity are one of two types (which also makes kubectl explain name them instead of printing <string>).
    private static string AddNamed(string name, JsonObject schemas)
    {
        if (!schemas.ContainsKey(name))
        {
            schemas[name] = name switch
            {
                OpenApiNames.Time => new JsonObject { ["format"] = "date-time", ["type"] = "string" },
                OpenApiNames.IntOrString => new JsonObject
                {
                    ["format"] = "int-or-string",
                    ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" }),
                },
                _ => new JsonObject
                {
                    ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "number" }),
                },
            };
        }
        return name;
    }

    private static JsonObject AllOf(string name) => new() { ["allOf"] = new JsonArray(Ref(name)) };

    private static JsonObject Ref(string name) => new() { ["$ref"] = RefPrefix + name };
}
