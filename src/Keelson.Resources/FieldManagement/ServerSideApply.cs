using System.Text.Json.Nodes;
using Keelson.Resources.Patching;

namespace Keelson.Resources.FieldManagement;

/// <summary>
/// Server-side apply and field ownership (metadata.managedFields, FieldsV1), as the Kubernetes API server
/// does it. Pure: no I/O, no defaulting, no validation.
/// </summary>
/// <remarks>
/// Ownership is tracked per (manager, operation, subresource) entry. Non-empty objects are owned through their
/// fields; scalars, empty objects, atomic values, associative-list items and set values are owned themselves.
/// <c>apiVersion</c>, <c>kind</c>, server-set metadata and (outside the status subresource) <c>status</c> are never owned.
/// </remarks>
public static class ServerSideApply
{
    /// <summary>
    /// Applies <paramref name="config"/> for <paramref name="manager"/> onto <paramref name="live"/> (null: create).
    /// Fields the manager applied before and no longer applies are removed unless another manager owns them.
    /// Without <paramref name="force"/>, changing a field another manager owns is a conflict.
    /// Does not mutate its inputs.
    /// </summary>
    /// <remarks>
    /// Conflicts are checked against every other entry, including the same manager's Update entries, as Kubernetes
    /// does. With <paramref name="force"/> the changed fields leave the other entries. <c>status</c> and
    /// <c>metadata.managedFields</c> in the configuration are not applied. Apply does not check preconditions
    /// (resourceVersion) or set server fields.
    /// </remarks>
    public static ApplyOutcome Apply(JsonObject? live, JsonObject config, string manager, bool force, PatchMeta? meta, DateTimeOffset now)
    {
        var before = live?.DeepClone() as JsonObject ?? new JsonObject();
        var entries = ManagedFieldsEntry.ReadAll(before);

        var applied = (JsonObject)config.DeepClone();
        applied.GetMetadata()?.Remove("managedFields");
        applied.Remove("status");
        var appliedFields = ObjectFields.Of(applied, meta, includeStatus: false);

        var merged = (JsonObject)AppliedConfigurationMerge.Merge(before, applied, meta)!;
        var changes = FieldComparison.Compare(before, merged, meta, includeStatus: false);

        var mine = entries.FirstOrDefault(e => e.Is(manager, ManagedFieldsOperation.Apply, ""));
        var others = entries.Where(e => e != mine).ToList();

        var conflicts = FindConflicts(others, changes);
        if (conflicts.Count > 0 && !force) return new ApplyOutcome(null, conflicts);
        if (force) TakeOver(others, changes);

        var previous = mine?.Fields ?? new FieldSet();
        RemoveNoLongerApplied(merged, previous.Except(appliedFields), appliedFields, others);

        if (mine is null)
        {
            mine = new ManagedFieldsEntry(manager, ManagedFieldsOperation.Apply, "", appliedFields);
            entries.Add(mine);
        }
        mine.Fields = appliedFields;
        mine.ApiVersion = config.GetApiVersion() ?? before.GetApiVersion();
        mine.Time = now;

        ManagedFieldsEntry.WriteAll(merged, entries);
        return new ApplyOutcome(merged, []);
    }

    /// <summary>
    /// Records a non-apply write (create, update, patch) by <paramref name="manager"/>: the fields that differ between
    /// <paramref name="oldObject"/> (null: create) and <paramref name="newObject"/> become the manager's (operation Update)
    /// and leave other managers' sets. Rewrites <c>metadata.managedFields</c> of <paramref name="newObject"/> in place.
    /// </summary>
    /// <remarks>
    /// Fields removed from the object leave every set. When <paramref name="newObject"/> carries managedFields that
    /// differ from the old object's, the writer replaced them on purpose (kubectl does so when it migrates from
    /// client-side apply) and they are the starting point; otherwise the old object's are. Outside the status
    /// subresource, status is not tracked. Does not modify <paramref name="oldObject"/>.
    /// </remarks>
    public static void RecordUpdate(JsonObject? oldObject, JsonObject newObject, string manager, PatchMeta? meta, DateTimeOffset now, string subresource = "")
    {
        var before = oldObject ?? new JsonObject();
        var oldManaged = before.GetMetadata()?["managedFields"];
        var newManaged = newObject.GetMetadata()?["managedFields"];
        var entries = newManaged is not null && !JsonNode.DeepEquals(oldManaged, newManaged)
            ? ManagedFieldsEntry.ReadAll(newObject)
            : ManagedFieldsEntry.ReadAll(before);

        var changes = FieldComparison.Compare(before, newObject, meta, includeStatus: subresource == "status");
        var changed = changes.AddedOrModified;

        foreach (var entry in entries)
        {
            foreach (var removed in changes.Removed.Paths) entry.Fields.RemoveAtOrBelow(removed);
        }

        var mine = entries.FirstOrDefault(e => e.Is(manager, ManagedFieldsOperation.Update, subresource));
        foreach (var entry in entries.Where(e => e != mine)) entry.Fields = entry.Fields.Except(changed);

        if (mine is null)
        {
            mine = new ManagedFieldsEntry(manager, ManagedFieldsOperation.Update, subresource, new FieldSet());
            entries.Add(mine);
        }
        var extended = mine.Fields.Union(changed);
        if (!extended.SetEquals(mine.Fields) || mine.Time is null)
        {
            mine.Fields = extended;
            mine.Time = now;
        }
        mine.ApiVersion = newObject.GetApiVersion() ?? mine.ApiVersion;

        ManagedFieldsEntry.WriteAll(newObject, entries);
    }

    // A field another entry owns conflicts when the apply adds it, changes it, or removes something at or below it.
    private static List<FieldConflict> FindConflicts(IEnumerable<ManagedFieldsEntry> others, FieldChanges changes)
    {
        var conflicts = new List<FieldConflict>();
        var changed = changes.AddedOrModified;
        foreach (var entry in others)
        {
            var paths = entry.Fields.Intersect(changed).Paths
                .Concat(changes.Removed.Paths.SelectMany(entry.Fields.PathsAtOrBelow))
                .Distinct();
            conflicts.AddRange(paths.Select(p => new FieldConflict(entry.Manager, p.ToString())));
        }
        return conflicts;
    }

    private static void TakeOver(IEnumerable<ManagedFieldsEntry> others, FieldChanges changes)
    {
        var changed = changes.AddedOrModified;
        foreach (var entry in others)
        {
            entry.Fields = entry.Fields.Except(changed);
            foreach (var removed in changes.Removed.Paths) entry.Fields.RemoveAtOrBelow(removed);
        }
    }

    // Fields this manager applied before and not now go, unless someone (this apply included) still owns them or
    // something below them. Objects emptied by that go too when nobody owns them.
    private static void RemoveNoLongerApplied(JsonObject merged, FieldSet dropped, FieldSet applied, IReadOnlyList<ManagedFieldsEntry> others)
    {
        bool Owned(FieldPath path) => applied.ContainsAtOrBelow(path) || others.Any(e => e.Fields.ContainsAtOrBelow(path));

        // Parents first: a dropped list item goes whole, before its key fields could be stripped from it.
        foreach (var path in dropped.Paths)
        {
            if (Owned(path) || !ObjectPaths.Remove(merged, path)) continue;
            for (var parent = path.Parent; parent.Count > 0 && parent.Last!.Kind == PathElementKind.Field; parent = parent.Parent)
            {
                if (ObjectPaths.Find(merged, parent) is not JsonObject { Count: 0 } || Owned(parent)) break;
                ObjectPaths.Remove(merged, parent);
            }
        }
    }
}
