using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Cluster.Api;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.StatefulSets;

internal sealed partial class StatefulSetController
{
    /// <summary>Creates, replaces and removes pods (updateStatefulSet); returns the pods that exist afterwards.</summary>
    private async Task<List<JsonObject>> ReconcilePodsAsync(JsonObject set, List<JsonObject> owned, JsonObject current, JsonObject update, CancellationToken cancellationToken)
    {
        var replicas = Replicas(set);
        var ordered = set.GetPath("spec", "podManagementPolicy")?.ToString() != "Parallel";
        var rolling = set.GetPath("spec", "updateStrategy", "type")?.ToString() != "OnDelete";
        var partition = rolling ? Numbers.Int(set.GetPath("spec", "updateStrategy", "rollingUpdate", "partition")) ?? 0 : 0;
        var byOrdinal = new SortedDictionary<int, JsonObject>();
        foreach (var pod in owned)
        {
            var ordinal = Ordinal(set, pod);
            if (ordinal >= 0) byOrdinal[ordinal] = pod;
        }

        // Pods that finished are replaced.
        foreach (var (ordinal, pod) in byOrdinal.ToList())
        {
            if (PodState.Phase(pod) is "Failed" or "Succeeded" && pod.GetPath("metadata", "deletionTimestamp") is null)
            {
                await DeletePodAsync(set, pod, cancellationToken);
                byOrdinal.Remove(ordinal);
            }
        }

        // Scale up in ordinal order.
        for (var ordinal = 0; ordinal < replicas; ordinal++)
        {
            if (!byOrdinal.TryGetValue(ordinal, out var pod))
            {
                var revision = rolling && ordinal < partition ? current : update;
                pod = await CreatePodAsync(set, ordinal, revision, cancellationToken);
                byOrdinal[ordinal] = pod;
            }
            if (ordered && !IsHealthy(pod)) return [.. byOrdinal.Values];
        }

        // Scale down from the highest ordinal, one at a time when ordered and only while the rest is healthy.
        var condemned = byOrdinal.Where(p => p.Key >= replicas).OrderByDescending(p => p.Key).ToList();
        foreach (var (ordinal, pod) in condemned)
        {
            if (ordered && byOrdinal.Values.Any(p => !IsHealthy(p))) return [.. byOrdinal.Values];
            await DeletePodAsync(set, pod, cancellationToken);
            byOrdinal.Remove(ordinal);
            if (ordered) return [.. byOrdinal.Values];
        }

        // Rolling update from the highest ordinal down to the partition, one pod at a time.
        if (!rolling) return [.. byOrdinal.Values];
        for (var ordinal = replicas - 1; ordinal >= partition; ordinal--)
        {
            if (!byOrdinal.TryGetValue(ordinal, out var pod)) return [.. byOrdinal.Values];
            if (RevisionOf(pod) != update.GetName())
            {
                await DeletePodAsync(set, pod, cancellationToken);
                byOrdinal.Remove(ordinal);
                return [.. byOrdinal.Values];
            }
            if (!IsHealthy(pod)) return [.. byOrdinal.Values];
        }
        return [.. byOrdinal.Values];
    }

    private async Task<JsonObject> CreatePodAsync(JsonObject set, int ordinal, JsonObject revision, CancellationToken cancellationToken)
    {
        var name = $"{set.GetName()}-{ordinal}";
        var template = (JsonObject)(revision.GetPath("data", "spec", "template")?.DeepClone() ?? new JsonObject());
        template.Remove("$patch");
        var pod = PodTemplates.NewPod(set, template, name);
        pod.SetLabel(WorkloadKeys.ControllerRevisionHash, revision.GetName()!);
        pod.SetLabel(WorkloadKeys.StatefulSetPodName, name);
        pod.SetLabel(WorkloadKeys.PodIndex, ordinal.ToString(CultureInfo.InvariantCulture));
        var spec = pod.EnsureObject("spec");
        spec["hostname"] = name;
        if (set.GetPath("spec", "serviceName")?.ToString() is { Length: > 0 } service) spec["subdomain"] = service;

        foreach (var claimTemplate in (set.GetPath("spec", "volumeClaimTemplates") as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var volumeName = claimTemplate.GetName()!;
            var claimName = await EnsureClaimAsync(set, claimTemplate, ordinal, cancellationToken);
            var volumes = spec["volumes"] as JsonArray ?? [];
            var keep = volumes.OfType<JsonObject>().Where(v => v.GetString("name") != volumeName).Select(v => v.DeepClone()).ToList();
            keep.Add(new JsonObject { ["name"] = volumeName, ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = claimName } });
            spec["volumes"] = new JsonArray([.. keep]);
        }

        JsonObject created;
        try
        {
            created = await Client.CreateAsync(PodType, pod, Component, cancellationToken);
        }
        catch (ApiException ex) when (ex.Code == 409)
        {
            created = Client.Get(PodType, set.GetNamespace(), name) ?? throw new InvalidOperationException($"StatefulSet/{set.GetNamespace()}/{set.GetName()}: pod {name} exists and vanished", ex);
        }
        _pods.Upsert(created);
        await Client.Events.RecordAsync(set, "Normal", "SuccessfulCreate", $"create Pod {name} in StatefulSet {set.GetName()} successful", Component, cancellationToken);
        return created;
    }

    /// <summary>Creates the claim <c>&lt;template&gt;-&lt;set&gt;-&lt;ordinal&gt;</c> unless it exists; returns its name.</summary>
    private async Task<string> EnsureClaimAsync(JsonObject set, JsonObject claimTemplate, int ordinal, CancellationToken cancellationToken)
    {
        var claims = Client.Type("", "v1", "persistentvolumeclaims");
        var name = $"{claimTemplate.GetName()}-{set.GetName()}-{ordinal}";
        if (Client.Get(claims, set.GetNamespace(), name) is not null) return name;
        var labels = (JsonObject)(claimTemplate.GetPath("metadata", "labels")?.DeepClone() ?? new JsonObject());
        if (set.GetPath("spec", "selector", "matchLabels") is JsonObject matchLabels)
        {
            foreach (var (key, value) in matchLabels) labels[key] = value?.DeepClone();
        }
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = set.GetNamespace(), ["labels"] = labels };
        if (claimTemplate.GetPath("metadata", "annotations") is JsonObject annotations) metadata["annotations"] = annotations.DeepClone();
        if (set.GetPath("spec", "persistentVolumeClaimRetentionPolicy", "whenDeleted")?.ToString() == "Delete")
        {
            metadata["ownerReferences"] = new JsonArray(Owners.ControllerRef(set));
        }
        var claim = new JsonObject { ["metadata"] = metadata, ["spec"] = claimTemplate["spec"]?.DeepClone() ?? new JsonObject() };
        try
        {
            await Client.CreateAsync(claims, claim, Component, cancellationToken);
            await Client.Events.RecordAsync(set, "Normal", "SuccessfulCreate", $"create Claim {name} Pod {set.GetName()}-{ordinal} in StatefulSet {set.GetName()} success", Component, cancellationToken);
        }
        catch (ApiException ex) when (ex.Code == 409)
        {
            // Created meanwhile.
        }
        return name;
    }

    private async Task DeletePodAsync(JsonObject set, JsonObject pod, CancellationToken cancellationToken)
    {
        _pods.Forget(pod);
        if (await Client.DeleteAsync(PodType, pod.GetNamespace(), pod.GetName()!, cancellationToken: cancellationToken))
        {
            await Client.Events.RecordAsync(set, "Normal", "SuccessfulDelete", $"delete Pod {pod.GetName()} in StatefulSet {set.GetName()} successful", Component, cancellationToken);
        }
    }
}
