using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers;

/// <summary>Null-free accessors for controllers, whose objects always come from the store and so carry both.</summary>
internal static class ObjectNames
{
    public static string GetNamespaceOrDefault(this JsonObject obj) => obj.GetNamespace() ?? "default";

    public static string GetNameOrEmpty(this JsonObject obj) => obj.GetName() ?? "";
}
