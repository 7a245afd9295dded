using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers;

/// <summary>ownerReferences as controllers write them.</summary>
internal static class Owners
{
    /// <summary>A reference marking <paramref name="owner"/> as the controller (controller and blockOwnerDeletion true).</summary>
    public static JsonObject ControllerRef(JsonObject owner) => new()
    {
        ["apiVersion"] = owner.GetApiVersion(),
        ["kind"] = owner.GetKind(),
        ["name"] = owner.GetName(),
        ["uid"] = owner.GetUid(),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    /// <summary>Whether the object's controlling reference is <paramref name="owner"/>.</summary>
    public static bool IsControlledBy(JsonObject obj, JsonObject owner) =>
        Informers.Informer.ControllerUid(obj) is { } uid && uid == owner.GetUid();
}
