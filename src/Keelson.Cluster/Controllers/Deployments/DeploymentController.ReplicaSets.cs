using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Cluster.Api;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Deployments;

internal sealed partial class DeploymentController
{
    /// <summary>The ReplicaSets of one sync: the new one (may be null) and the old ones, updated in place as they are written.</summary>
    private sealed class Rollout(JsonObject deployment, JsonObject? newRs, List<JsonObject> old)
    {
        public JsonObject Deployment { get; set; } = deployment;

        /// <summary>The status as stored, to tell whether the one computed in memory needs writing.</summary>
        public JsonNode? StoredStatus { get; set; } = deployment["status"]?.DeepClone();

        public JsonObject? New { get; set; } = newRs;

        public List<JsonObject> Old { get; } = old;

        public IEnumerable<JsonObject> All => New is null ? Old : Old.Append(New);

        public void Replace(JsonObject before, JsonObject after)
        {
            if (ReferenceEquals(New, before)) New = after;
            var i = Old.IndexOf(before);
            if (i >= 0) Old[i] = after;
        }
    }

    /// <summary>
    /// Finds the new ReplicaSet, bringing its revision annotations and the Deployment's revision up to date, or creates
    /// it when <paramref name="create"/> (getAllReplicaSetsAndSyncRevision).
    /// </summary>
    private async Task<Rollout> LoadAsync(JsonObject d, List<JsonObject> owned, bool create, CancellationToken cancellationToken)
    {
        var (existing, old) = Split(d, owned);
        var rollout = new Rollout(d, existing, old);
        var newRevision = (old.Count == 0 ? 0 : old.Max(Annotations.Revision)) + 1;
        if (existing is not null)
        {
            var copy = (JsonObject)existing.DeepClone();
            var changed = Annotations.SetNewReplicaSetAnnotations(d, copy, newRevision, exists: true);
            if (Spec.MinReadySeconds(copy) != Spec.MinReadySeconds(d))
            {
                copy.EnsureObject("spec")["minReadySeconds"] = Spec.MinReadySeconds(d);
                changed = true;
            }
            if (changed)
            {
                var stored = await Client.UpdateAsync(ReplicaSetType, copy, Component, cancellationToken);
                _replicaSets.Upsert(stored);
                rollout.Replace(existing, stored);
            }
            await SetRevisionAsync(rollout, Annotations.Revision(rollout.New!), cancellationToken);
            if (Conditions.Find(rollout.Deployment, "Progressing") is null)
            {
                SetCondition(rollout, Conditions.Make(Client.Time, "Progressing", "True", "FoundNewReplicaSet", $"Found new replica set \"{rollout.New!.GetName()}\""));
            }
            return rollout;
        }
        if (!create) return rollout;

        var collisions = Spec.Int(d.GetPath("status", "collisionCount")) ?? 0;
        var template = (JsonObject)d.GetPath("spec", "template")!.DeepClone();
        var hash = TemplateHash.Compute(template, collisions);
        template.Metadata().EnsureObject("labels")[WorkloadKeys.PodTemplateHash] = hash;
        var selector = (JsonObject)(d.GetPath("spec", "selector")?.DeepClone() ?? new JsonObject());
        selector.EnsureObject("matchLabels")[WorkloadKeys.PodTemplateHash] = hash;
        var rs = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{d.GetName()}-{hash}",
                ["namespace"] = d.GetNamespace(),
                ["labels"] = template.GetPath("metadata", "labels")!.DeepClone(),
                ["ownerReferences"] = new JsonArray(Owners.ControllerRef(d)),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0,
                ["minReadySeconds"] = Spec.MinReadySeconds(d),
                ["selector"] = selector,
                ["template"] = template,
            },
        };
        var replicas = NewReplicaSetReplicas(d, rollout.All.Append(rs), rs);
        rs["spec"]!["replicas"] = replicas;
        Annotations.SetNewReplicaSetAnnotations(d, rs, newRevision, exists: false);
        JsonObject created;
        try
        {
            created = await Client.CreateAsync(ReplicaSetType, rs, Component, cancellationToken);
        }
        catch (ApiException ex) when (ex.Code == 409)
        {
            var clash = Client.Get(ReplicaSetType, d.GetNamespace(), rs.GetName()!);
            if (clash is not null && Owners.IsControlledBy(clash, d) && Spec.EqualIgnoringHash(clash.GetPath("spec", "template"), d.GetPath("spec", "template")))
            {
                // Our own ReplicaSet that the cache has not seen yet.
                _replicaSets.Upsert(clash);
                throw;
            }
            // A different template hashed to the same name: count the collision so the next hash differs.
            var bumped = (JsonObject)d.DeepClone();
            bumped.EnsureObject("status")["collisionCount"] = collisions + 1;
            _deployments.Upsert(await Client.UpdateStatusAsync(DeploymentType, bumped, Component, cancellationToken));
            throw;
        }
        _replicaSets.Upsert(created);
        rollout.New = created;
        if (replicas > 0)
        {
            await Client.Events.RecordAsync(d, "Normal", "ScalingReplicaSet", $"Scaled up replica set {created.GetName()} from 0 to {replicas}", Component, cancellationToken);
        }
        await SetRevisionAsync(rollout, newRevision, cancellationToken);
        SetCondition(rollout, Conditions.Make(Client.Time, "Progressing", "True", "NewReplicaSetCreated", $"Created new replica set \"{created.GetName()}\""));
        return rollout;
    }

    /// <summary>Sets the Deployment's revision annotation to its new ReplicaSet's.</summary>
    private async Task SetRevisionAsync(Rollout rollout, long revision, CancellationToken cancellationToken)
    {
        var text = revision.ToString(CultureInfo.InvariantCulture);
        if (rollout.Deployment.GetAnnotations().TryGetValue(WorkloadKeys.Revision, out var current) && current == text) return;
        var copy = (JsonObject)rollout.Deployment.DeepClone();
        copy.SetAnnotation(WorkloadKeys.Revision, text);
        rollout.Deployment = await Client.UpdateAsync(DeploymentType, copy, Component, cancellationToken);
        rollout.StoredStatus = rollout.Deployment["status"]?.DeepClone();
        _deployments.Upsert(rollout.Deployment);
    }

    /// <summary>Sets a condition in memory; the status write at the end of the sync stores it.</summary>
    private static void SetCondition(Rollout rollout, JsonObject condition)
    {
        var copy = (JsonObject)rollout.Deployment.DeepClone();
        Conditions.Set(copy.EnsureObject("status"), condition);
        rollout.Deployment = copy;
    }

    /// <summary>How many replicas the new ReplicaSet may have now (NewRSNewReplicas).</summary>
    private static int NewReplicaSetReplicas(JsonObject d, IEnumerable<JsonObject> all, JsonObject newRs)
    {
        var replicas = Spec.Replicas(d);
        if (Spec.IsRecreate(d)) return replicas;
        var current = all.Sum(Spec.Replicas);
        var maxTotal = replicas + Spec.MaxSurge(d);
        var newReplicas = Spec.Replicas(newRs);
        if (current >= maxTotal) return newReplicas;
        return newReplicas + Math.Min(maxTotal - current, replicas - newReplicas);
    }

    /// <summary>Sets a ReplicaSet's size and replica annotations (scaleReplicaSet); true when its size changed.</summary>
    private async Task<bool> ScaleAsync(Rollout rollout, JsonObject rs, int size, CancellationToken cancellationToken)
    {
        var d = rollout.Deployment;
        var current = Spec.Replicas(rs);
        var copy = (JsonObject)rs.DeepClone();
        var annotationsChanged = Annotations.SetReplicas(copy, Spec.Replicas(d), Spec.Replicas(d) + Spec.MaxSurge(d));
        if (current == size && !annotationsChanged) return false;
        copy.EnsureObject("spec")["replicas"] = size;
        var stored = await Client.UpdateAsync(ReplicaSetType, copy, Component, cancellationToken);
        _replicaSets.Upsert(stored);
        rollout.Replace(rs, stored);
        if (current == size) return false;
        var direction = size > current ? "up" : "down";
        await Client.Events.RecordAsync(d, "Normal", "ScalingReplicaSet", $"Scaled {direction} replica set {rs.GetName()} from {current} to {size}", Component, cancellationToken);
        return true;
    }

    /// <summary>Deletes the oldest scaled-down ReplicaSets beyond spec.revisionHistoryLimit (cleanupDeployment).</summary>
    private async Task CleanupAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        if (Spec.Int(rollout.Deployment.GetPath("spec", "revisionHistoryLimit")) is not { } limit) return;
        var cleanable = rollout.Old.Where(rs => rs.GetPath("metadata", "deletionTimestamp") is null).OrderBy(Annotations.Revision).ToList();
        var surplus = cleanable.Count - limit;
        for (var i = 0; i < surplus; i++)
        {
            var rs = cleanable[i];
            if (Spec.Status(rs, "replicas") != 0 || Spec.Replicas(rs) != 0 || rs.GetGeneration() > (Spec.Int(rs.GetPath("status", "observedGeneration")) ?? 0)) continue;
            _replicaSets.Forget(rs);
            await Client.DeleteAsync(ReplicaSetType, rs.GetNamespace(), rs.GetName()!, cancellationToken: cancellationToken);
        }
    }
}
