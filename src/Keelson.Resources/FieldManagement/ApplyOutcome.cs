using System.Text.Json.Nodes;

namespace Keelson.Resources.FieldManagement;

/// <summary>The result of a server-side apply: the new object, or the conflicts that stopped it (then <see cref="Object"/> is null).</summary>
public sealed record ApplyOutcome(JsonObject? Object, IReadOnlyList<FieldConflict> Conflicts)
{
    public bool HasConflicts => Conflicts.Count > 0;
}
