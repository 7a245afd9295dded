using System.Text.Json.Nodes;
using Keelson.Cluster.Api;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.StatefulSets;

internal sealed partial class StatefulSetController
{
    /// <summary>
    /// Ensures a ControllerRevision holds the current template (the update revision; an older revision with the same
    /// template is renumbered as the newest, as on a rollback) and finds the current revision from status.
    /// </summary>
    private async Task<(JsonObject Current, JsonObject Update)> SyncRevisionsAsync(JsonObject set, CancellationToken cancellationToken)
    {
        var revisions = _revisions.ByOwner(set.GetUid()!).OrderBy(r => Numbers.Int(r["revision"]) ?? 0).ToList();
        var template = (JsonObject)(set.GetPath("spec", "template")?.DeepClone() ?? new JsonObject());
        template["$patch"] = "replace";
        var data = new JsonObject { ["spec"] = new JsonObject { ["template"] = template } };
        var latest = revisions.Count == 0 ? 0 : Numbers.Int(revisions[^1]["revision"]) ?? 0;

        var update = revisions.LastOrDefault(r => JsonNode.DeepEquals(r["data"], data));
        if (update is null)
        {
            var collisions = Numbers.Int(set.GetPath("status", "collisionCount")) ?? 0;
            var revision = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = $"{set.GetName()}-{TemplateHash.Compute(data, collisions)}",
                    ["namespace"] = set.GetNamespace(),
                    ["labels"] = set.GetPath("spec", "template", "metadata", "labels")?.DeepClone(),
                    ["ownerReferences"] = new JsonArray(Owners.ControllerRef(set)),
                },
                ["data"] = data,
                ["revision"] = latest + 1,
            };
            try
            {
                update = await Client.CreateAsync(RevisionType, revision, Component, cancellationToken);
            }
            catch (ApiException ex) when (ex.Code == 409)
            {
                var clash = Client.Get(RevisionType, set.GetNamespace(), revision.GetName()!);
                if (clash is null || !Owners.IsControlledBy(clash, set) || !JsonNode.DeepEquals(clash["data"], data))
                {
                    var bumped = (JsonObject)set.DeepClone();
                    bumped.EnsureObject("status")["collisionCount"] = collisions + 1;
                    _sets.Upsert(await Client.UpdateStatusAsync(SetType, bumped, Component, cancellationToken));
                    throw;
                }
                update = clash;
            }
            _revisions.Upsert(update);
        }
        else if ((Numbers.Int(update["revision"]) ?? 0) < latest)
        {
            var renumbered = (JsonObject)update.DeepClone();
            renumbered["revision"] = latest + 1;
            update = await Client.UpdateAsync(RevisionType, renumbered, Component, cancellationToken);
            _revisions.Upsert(update);
        }

        var currentName = set.GetPath("status", "currentRevision")?.ToString();
        var current = revisions.FirstOrDefault(r => r.GetName() == currentName) ?? update;
        return (current, update);
    }

    /// <summary>Deletes revisions beyond spec.revisionHistoryLimit that no pod and neither current nor update use.</summary>
    private async Task TruncateHistoryAsync(JsonObject set, List<JsonObject> pods, JsonObject current, JsonObject update, CancellationToken cancellationToken)
    {
        var limit = Numbers.Int(set.GetPath("spec", "revisionHistoryLimit")) ?? 10;
        var live = pods.Select(RevisionOf).Append(current.GetName()).Append(update.GetName()).ToHashSet(StringComparer.Ordinal);
        var history = _revisions.ByOwner(set.GetUid()!).Where(r => !live.Contains(r.GetName())).OrderBy(r => Numbers.Int(r["revision"]) ?? 0).ToList();
        foreach (var revision in history.Take(Math.Max(0, history.Count - limit)))
        {
            _revisions.Forget(revision);
            await Client.DeleteAsync(RevisionType, revision.GetNamespace(), revision.GetName()!, cancellationToken: cancellationToken);
        }
    }
}
