using System.Text.Json.Nodes;
using Keelson.Resources.Patching;

namespace Keelson.Resources.FieldManagement;

/// <summary>
/// Server-side apply and field ownership (metadata.managedFields, FieldsV1), as the Kubernetes API server
/// does it. Pure: no I/O, no defaulting, no validation.
/// </summary>
public static class ServerSideApply
{
    /// <summary>
    /// Applies <paramref name="config"/> for <paramref name="manager"/> onto <paramref name="live"/> (null: create).
    /// Fields the manager applied before and no longer applies are removed unless another manager owns them.
    /// Without <paramref name="force"/>, changing a field another manager owns is a conflict.
    /// Does not mutate its inputs.
    /// </summary>
    public static ApplyOutcome Apply(JsonObject? live, JsonObject config, string manager, bool force, PatchMeta? meta, DateTimeOffset now)
        => throw new NotImplementedException();

    /// <summary>
    /// Records a non-apply write (create, update, patch) by <paramref name="manager"/>: the fields that differ between
    /// <paramref name="oldObject"/> (null: create) and <paramref name="newObject"/> become the manager's (operation Update)
    /// and leave other managers' sets. Rewrites <c>metadata.managedFields</c> of <paramref name="newObject"/> in place.
    /// </summary>
    public static void RecordUpdate(JsonObject? oldObject, JsonObject newObject, string manager, PatchMeta? meta, DateTimeOffset now, string subresource = "")
        => throw new NotImplementedException();
}
