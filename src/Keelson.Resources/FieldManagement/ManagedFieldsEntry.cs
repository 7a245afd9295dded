using System.Globalization;
using System.Text.Json.Nodes;

namespace Keelson.Resources.FieldManagement;

/// <summary>
/// One entry of <c>metadata.managedFields</c>: the fields one manager owns through one operation on one
/// subresource. Entries are identified by (manager, operation, subresource).
/// </summary>
public sealed class ManagedFieldsEntry
{

    public ManagedFieldsEntry(string manager, ManagedFieldsOperation operation, string subresource, FieldSet fields)
    {
        Manager = manager;
        Operation = operation;
        Subresource = subresource;
        Fields = fields;
    }

    public string Manager { get; }

    public ManagedFieldsOperation Operation { get; }

    /// <summary>"" for the main resource, else e.g. "status" or "scale".</summary>
    public string Subresource { get; }

    public string? ApiVersion { get; set; }

    public DateTimeOffset? Time { get; set; }

    public FieldSet Fields { get; set; }

    public bool Is(string manager, ManagedFieldsOperation operation, string subresource) =>
        Manager == manager && Operation == operation && Subresource == subresource;

    /// <summary>Reads <c>metadata.managedFields</c>; entries without a manager or of another fieldsType are skipped.</summary>
    /// <exception cref="FormatException">A fieldsV1 value is malformed.</exception>
    public static List<ManagedFieldsEntry> ReadAll(JsonObject? obj)
    {
        var entries = new List<ManagedFieldsEntry>();
        if (obj?.GetMetadata()?["managedFields"] is not JsonArray array) return entries;
        foreach (var item in array)
        {
            if (item is not JsonObject json || json.GetString("manager") is not { } manager) continue;
            var fieldsType = json.GetString("fieldsType");
            if (fieldsType is not null && fieldsType != "FieldsV1") continue;
            var operation = json.GetString("operation") == "Apply" ? ManagedFieldsOperation.Apply : ManagedFieldsOperation.Update;
            var fields = json["fieldsV1"] is JsonObject v1 ? FieldSet.FromFieldsV1(v1) : new FieldSet();
            entries.Add(new ManagedFieldsEntry(manager, operation, json.GetString("subresource") ?? "", fields)
            {
                ApiVersion = json.GetString("apiVersion"),
                Time = DateTimeOffset.TryParse(json.GetString("time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null,
            });
        }
        return entries;
    }

    /// <summary>
    /// Writes the non-empty entries into <c>metadata.managedFields</c> in Kubernetes' order (Apply before Update,
    /// then oldest first, then by manager); removes the property when none is left.
    /// </summary>
    public static void WriteAll(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var kept = entries
            .Where(e => !e.Fields.IsEmpty)
            .OrderBy(e => e.Operation)
            .ThenBy(e => e.Time?.ToUnixTimeSeconds() ?? 0)
            .ThenBy(e => e.Manager, StringComparer.Ordinal)
            .ThenBy(e => e.Subresource, StringComparer.Ordinal)
            .ToList();
        if (kept.Count == 0)
        {
            obj.GetMetadata()?.Remove("managedFields");
            return;
        }
        obj.Metadata()["managedFields"] = new JsonArray(kept.Select(e => (JsonNode)e.ToJson()).ToArray());
    }

    /// <summary>The entry as Kubernetes serialises it (subresource only when set).</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["manager"] = Manager,
            ["operation"] = Operation.ToString(),
        };
        if (ApiVersion is not null) json["apiVersion"] = ApiVersion;
        if (Time is { } time) json["time"] = KubeTime.Format(time);
        json["fieldsType"] = "FieldsV1";
        json["fieldsV1"] = Fields.ToFieldsV1();
        if (Subresource.Length > 0) json["subresource"] = Subresource;
        return json;
    }
}
