// Contracts of the catalog, implemented on the catalog branch; replaced wholesale when it merges.
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

public static class Discovery
{
    public static JsonObject AggregatedCore(ResourceCatalog catalog) => throw new NotImplementedException();
    public static JsonObject AggregatedGroups(ResourceCatalog catalog) => throw new NotImplementedException();
    public static JsonObject LegacyApiVersions() => throw new NotImplementedException();
    public static JsonObject LegacyGroupList(ResourceCatalog catalog) => throw new NotImplementedException();
    public static JsonObject? LegacyResourceList(ResourceCatalog catalog, GroupVersion groupVersion) => throw new NotImplementedException();
}

public static class OpenApi
{
    public static JsonObject Index(ResourceCatalog catalog) => throw new NotImplementedException();
    public static JsonObject? ForGroupVersion(ResourceCatalog catalog, GroupVersion groupVersion) => throw new NotImplementedException();
}

public static class Defaulter
{
    public static void Apply(ResourceType type, JsonObject obj, Func<string>? allocateClusterIP = null) => throw new NotImplementedException();
}

public static class Validator
{
    public static IReadOnlyList<FieldError> Validate(ResourceType type, JsonObject obj, bool strictFields, JsonObject? oldObject = null) => throw new NotImplementedException();
}

public static class TableConverter
{
    public static JsonObject ToTable(ResourceType type, IReadOnlyList<JsonObject> objects, string resourceVersion, DateTimeOffset now, bool includeObject = true) => throw new NotImplementedException();
}

public static class FieldSelectors
{
    public static bool IsSupported(ResourceType type, string field) => throw new NotImplementedException();
    public static string? Value(ResourceType type, JsonObject obj, string field) => throw new NotImplementedException();
}
