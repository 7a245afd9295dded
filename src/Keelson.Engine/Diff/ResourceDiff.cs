using System.Text.Json.Nodes;
using Keelson.Resources;
using Keelson.Resources.FieldManagement;

namespace Keelson.Engine.Diff;

/// <summary>
/// Decides whether a managed object is out of sync. The engine predicts the target with a server-side-apply
/// dry-run of the desired manifest, so server defaults are on both sides; this compares that prediction with the
/// live object after <see cref="Normalizer"/> and the matching ignoreDifferences rules. Pure: no I/O, inputs are
/// not changed.
/// </summary>
public static class ResourceDiff
{
    /// <summary>
    /// Compares <paramref name="predicted"/> (null: the object is no longer desired, to be pruned) with
    /// <paramref name="live"/> (null: not there yet, to be created). Rules are matched against the live object, or
    /// the predicted one when there is no live object. Per matching rule, <c>jsonPointers</c> and
    /// <c>jqPathExpressions</c> values are removed from both sides, as are the fields the live object's
    /// <c>metadata.managedFields</c> attribute to one of its <c>managedFieldsManagers</c>.
    /// </summary>
    /// <exception cref="DiffException">
    /// A matching rule has an unsupported jqPathExpression or a malformed jsonPointer, or the live object's
    /// managedFields cannot be read; the message names the object and the expression.
    /// </exception>
    /// <param name="predicted">The predicted object, or null.</param>
    /// <param name="live">The live object, or null.</param>
    /// <param name="ignore">The ignore rules.</param>
    /// <param name="compareStatus">Keep status on both sides (it is left out otherwise; a rule may still leave it out).</param>
    public static DiffResult Compare(JsonObject? predicted, JsonObject? live, IReadOnlyList<IgnoreDifference> ignore, bool compareStatus = false)
    {
        ArgumentNullException.ThrowIfNull(ignore);
        var target = predicted is null ? null : Normalizer.Normalize(predicted, compareStatus);
        var normalizedLive = live is null ? null : Normalizer.Normalize(live, compareStatus);

        if ((live ?? predicted) is { } subject)
        {
            foreach (var rule in ignore.Where(r => r.Matches(subject)))
            {
                try
                {
                    Apply(rule, live, target, normalizedLive);
                }
                catch (DiffException e)
                {
                    throw new DiffException($"{Describe(subject)}: {e.Message}", e);
                }
            }
        }

        var modified = (target, normalizedLive) switch
        {
            (null, null) => false,
            (null, _) or (_, null) => true,
            _ => !JsonNode.DeepEquals(target, normalizedLive),
        };
        return new DiffResult(modified, normalizedLive, target);
    }

    /// <summary>
    /// A copy of <paramref name="obj"/> without the values the matching rules leave out of a comparison (their
    /// jsonPointers, jqPathExpressions, and fields of their managedFieldsManagers), as `argocd admin settings
    /// resource-overrides ignore-differences` shows them; no other normalisation. <paramref name="obj"/> is not changed.
    /// </summary>
    /// <exception cref="DiffException">A matching rule has an unsupported or malformed expression.</exception>
    public static JsonObject WithoutIgnored(JsonObject obj, IReadOnlyList<IgnoreDifference> ignore)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(ignore);
        var copy = (JsonObject)obj.DeepClone();
        foreach (var rule in ignore.Where(r => r.Matches(obj))) Apply(rule, obj, copy, null);
        return copy;
    }

    private static void Apply(IgnoreDifference rule, JsonObject? originalLive, JsonObject? target, JsonObject? live)
    {
        // Parse every expression before removing anything, so that a bad rule fails the same way whatever the objects hold.
        var pointers = rule.JsonPointers.Select(FieldRemoval.ParsePointer).ToList();
        var jqPaths = rule.JqPathExpressions.Select(JqPath.Parse).ToList();
        var managed = ManagedBy(originalLive, rule.ManagedFieldsManagers);

        foreach (var side in new[] { target, live })
        {
            if (side is null) continue;
            foreach (var pointer in pointers) FieldRemoval.RemovePointer(side, pointer);
            foreach (var jq in jqPaths) jq.RemoveFrom(side);
            foreach (var path in managed) FieldRemoval.RemoveFieldPath(side, path);
        }
    }

    /// <summary>The fields the live object's managedFields give to any of <paramref name="managers"/>.</summary>
    private static List<FieldPath> ManagedBy(JsonObject? live, IReadOnlyList<string> managers)
    {
        if (live is null || managers.Count == 0) return [];
        List<ManagedFieldsEntry> entries;
        try
        {
            entries = ManagedFieldsEntry.ReadAll(live);
        }
        catch (FormatException e)
        {
            throw new DiffException($"cannot read metadata.managedFields for managedFieldsManagers: {e.Message}", e);
        }
        var owned = new FieldSet();
        foreach (var entry in entries.Where(e => managers.Contains(e.Manager, StringComparer.Ordinal)))
        {
            owned = owned.Union(entry.Fields);
        }
        // Only the outermost owned paths: removing a list item also removes the fields below it, and removing those
        // first would strip the key fields that find the item. Reversed, so that list indexes go highest first.
        return owned.Paths
            .Where(path => !Enumerable.Range(1, path.Count - 1).Any(depth => owned.Contains(FieldPath.Of(path.Take(depth).ToArray()))))
            .Reverse()
            .ToList();
    }

    private static string Describe(JsonObject obj)
    {
        var ns = obj.GetNamespace();
        return $"{obj.GetKind()}/{(string.IsNullOrEmpty(ns) ? "" : ns + "/")}{obj.GetName()}";
    }
}
