// Contracts of the catalog, implemented on the catalog branch; replaced wholesale when it merges.
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

public static class TableConverter
{
    public static JsonObject ToTable(ResourceType type, IReadOnlyList<JsonObject> objects, string resourceVersion, DateTimeOffset now, bool includeObject = true) => throw new NotImplementedException();
}

public static class FieldSelectors
{
    public static bool IsSupported(ResourceType type, string field) => throw new NotImplementedException();
    public static string? Value(ResourceType type, JsonObject obj, string field) => throw new NotImplementedException();
}
