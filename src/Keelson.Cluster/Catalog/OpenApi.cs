using System.Text.Json.Nodes;
using Keelson.Resources;
using Keelson.Resources.Patching;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// The OpenAPI v3 documents of <c>/openapi/v3</c>. For every kind there is a <c>patch</c> operation tagged with
/// <c>x-kubernetes-group-version-kind</c> that accepts the <c>fieldValidation</c> query parameter, which makes kubectl
/// leave validation to the server (<c>fieldValidation=Strict</c>). Built-in kinds carry component schemas generated
/// from the KubernetesClient models (<see cref="OpenApiSchemas"/>), with the patch extensions kubectl's client-side
/// apply computes strategic merge patches from, and which <c>kubectl explain</c> reads; custom resources carry their
/// CRD schema. Documents are cached per catalog generation (see <see cref="OpenApiCache"/>) and shared: callers must
/// not modify them.
/// </summary>
public static class OpenApi
{
    private static readonly (string Name, string Description)[] WriteParameters =
    [
        ("dryRun", "When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed"),
        ("fieldManager", "fieldManager is a name associated with the actor or entity that is making these changes."),
        ("fieldValidation", "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn, Strict."),
    ];

    /// <summary>The <c>/openapi/v3</c> index: one entry per served group-version ("api/v1", "apis/apps/v1", CRD groups too).</summary>
    public static JsonObject Index(ResourceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var paths = new JsonObject();
        foreach (var gv in catalog.GroupVersions)
        {
            var key = PathKey(gv);
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash(catalog, gv)}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>"api/v1" or "apis/apps/v1": the path of a group-version below <c>/openapi/v3/</c>.</summary>
    public static string PathKey(GroupVersion gv) => gv.Group.Length == 0 ? $"api/{gv.Version}" : $"apis/{gv.Group}/{gv.Version}";

    /// <summary>The hash of a group-version's document: changes exactly when the document changes. Empty for an unknown group-version.</summary>
    public static string Hash(ResourceCatalog catalog, GroupVersion gv)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return OpenApiCache.Of(catalog).Get(catalog, gv, Build).Hash;
    }

    /// <summary>The OpenAPI 3 document of one group-version, or null when it is not served. Shared: do not modify it.</summary>
    public static JsonObject? ForGroupVersion(ResourceCatalog catalog, GroupVersion gv)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return OpenApiCache.Of(catalog).Get(catalog, gv, Build).Document;
    }

    private static JsonObject? Build(GroupVersion gv, IReadOnlyList<ResourceType> types)
    {
        if (types.Count == 0) return null;
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var t in types)
        {
            var schemaName = SchemaName(t);
            var reference = "#/components/schemas/" + schemaName;
            var prefix = gv.Group.Length == 0 ? $"/api/{gv.Version}" : $"/apis/{gv.Group}/{gv.Version}";
            var collection = t.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{t.Plural}" : $"{prefix}/{t.Plural}";
            paths[collection] = new JsonObject
            {
                ["get"] = Operation("list", t, reference, withWriteParameters: false),
                ["post"] = Operation("post", t, reference, withWriteParameters: true),
                ["parameters"] = PathParameters(t.Namespaced, withName: false),
            };
            paths[collection + "/{name}"] = ItemPath(t, reference);
            if (t.HasStatus) paths[collection + "/{name}/status"] = ItemPath(t, reference);
            if (t.IsCustom || !OpenApiSchemas.TryAddKind(t, schemas)) schemas[schemaName] = Schema(t);
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = Sorted(schemas) },
        };
    }

    /// <summary>The component name Kubernetes uses for a kind: "io.k8s.api.apps.v1.Deployment"; for custom resources the reversed group ("com.example.v1.Widget").</summary>
    public static string SchemaName(ResourceType t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.IsCustom) return string.Join('.', t.Group.Split('.').Reverse()) + $".{t.Version}.{t.Kind}";
        return OpenApiNames.ForKind(t.Group, t.Version, t.Kind);
    }

    private static JsonObject Sorted(JsonObject schemas)
    {
        var sorted = new JsonObject();
        foreach (var name in schemas.Select(p => p.Key).Order(StringComparer.Ordinal).ToList())
        {
            var schema = schemas[name];
            schemas.Remove(name);
            sorted[name] = schema;
        }
        return sorted;
    }

    private static JsonObject ItemPath(ResourceType t, string reference) => new()
    {
        ["get"] = Operation("get", t, reference, withWriteParameters: false),
        ["put"] = Operation("put", t, reference, withWriteParameters: true),
        ["patch"] = Operation("patch", t, reference, withWriteParameters: true),
        ["delete"] = Operation("delete", t, reference, withWriteParameters: false),
        ["parameters"] = PathParameters(t.Namespaced, withName: true),
    };

    private static JsonObject Operation(string action, ResourceType t, string reference, bool withWriteParameters)
    {
        var parameters = new JsonArray();
        if (withWriteParameters)
        {
            foreach (var (name, description) in WriteParameters)
                parameters.Add(QueryParameter(name, description, "string"));
            if (action == "patch")
                parameters.Add(QueryParameter("force", "Force is going to \"force\" Apply requests.", "boolean"));
        }
        var op = new JsonObject
        {
            ["operationId"] = action + t.Kind,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = reference } } },
                },
            },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind },
        };
        if (parameters.Count > 0) op["parameters"] = parameters;
        if (action is "patch" or "put" or "post")
        {
            var content = new JsonObject();
            // Strategic merge patch only where the server accepts it (built-in kinds with patch meta), as the apiserver
            // does for custom resources: kubectl then computes a JSON merge patch instead of a 415.
            var mediaTypes = action != "patch" ? ["application/json"]
                : t.IsCustom || PatchMeta.ForKind(t.Gvk) is null
                    ? new[] { "application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json" }
                    : ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"];
            foreach (var mediaType in mediaTypes)
                content[mediaType] = new JsonObject { ["schema"] = action == "patch" ? new JsonObject { ["type"] = "object" } : new JsonObject { ["$ref"] = reference } };
            op["requestBody"] = new JsonObject { ["content"] = content, ["required"] = true };
        }
        return op;
    }

    private static JsonObject QueryParameter(string name, string description, string type) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };

    private static JsonArray PathParameters(bool namespaced, bool withName)
    {
        var list = new JsonArray();
        if (withName) list.Add(PathParameter("name", "name of the resource"));
        if (namespaced) list.Add(PathParameter("namespace", "object name and auth scope, such as for teams and projects"));
        return list;
    }

    private static JsonObject PathParameter(string name, string description) => new()
    {
        ["name"] = name,
        ["in"] = "path",
        ["description"] = description,
        ["required"] = true,
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    private static JsonObject Schema(ResourceType t)
    {
        JsonObject schema;
        if (t.Schema is not null)
        {
            schema = (JsonObject)t.Schema.DeepClone();
        }
        else
        {
            schema = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["apiVersion"] = new JsonObject { ["type"] = "string" },
                    ["kind"] = new JsonObject { ["type"] = "string" },
                    ["metadata"] = new JsonObject { ["type"] = "object" },
                },
                ["x-kubernetes-preserve-unknown-fields"] = true,
            };
        }
        schema["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = t.Group, ["kind"] = t.Kind, ["version"] = t.Version });
        return schema;
    }
}
