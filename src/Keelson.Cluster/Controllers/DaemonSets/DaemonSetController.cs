using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Controllers.Informers;
using Keelson.Resources;
using Keelson.Resources.Selection;
using Microsoft.Extensions.Logging;

namespace Keelson.Cluster.Controllers.DaemonSets;

/// <summary>
/// Runs one pod of a DaemonSet on every node its nodeSelector admits, as pkg/controller/daemon: pods are pinned with
/// a required node affinity on metadata.name (the scheduler binds them) and tolerate the node-condition taints;
/// pods on vanished or no-longer-eligible nodes and duplicates are deleted; RollingUpdate replaces pods of an older
/// template (controller-revision-hash) within maxUnavailable; OnDelete leaves them. Status reports
/// desiredNumberScheduled, currentNumberScheduled, numberMisscheduled, numberReady, updatedNumberScheduled,
/// numberAvailable, numberUnavailable and observedGeneration. Node taints other than those are not matched against
/// tolerations, and no ControllerRevisions are written.
/// </summary>
internal sealed partial class DaemonSetController(SharedInformers informers, ILogger logger) : QueueController(informers, logger)
{
    public const string Component = "daemonset-controller";

    private static readonly (string Key, string Effect)[] DefaultTolerations =
    [
        ("node.kubernetes.io/not-ready", "NoExecute"), ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"), ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"), ("node.kubernetes.io/unschedulable", "NoSchedule"),
    ];

    private Informer _sets = null!;
    private Informer _pods = null!;
    private Informer _nodes = null!;

    public override string Name => Component;

    private ResourceType SetType => _sets.Type;

    private ResourceType PodType => _pods.Type;

    protected override IReadOnlyList<Informer> Start()
    {
        _sets = SharedInformer("apps", "v1", "daemonsets");
        _pods = SharedInformer("", "v1", "pods");
        _nodes = SharedInformer("", "v1", "nodes");
        _sets.OnChange(Name, (before, after) =>
        {
            var set = after ?? before!;
            Queue.Add(WorkQueue.Key(set.GetNamespace(), set.GetName()!));
        });
        _pods.OnChange(Name, (before, after) =>
        {
            var pod = after ?? before!;
            if (pod.GetPath("metadata", "ownerReferences") is JsonArray refs
                && refs.OfType<JsonObject>().FirstOrDefault(r => r.GetString("kind") == "DaemonSet" && r["controller"] is JsonValue c && c.TryGetValue<bool>(out var isController) && isController) is { } owner)
            {
                Queue.Add(WorkQueue.Key(pod.GetNamespace(), owner.GetString("name")!));
            }
        });
        _nodes.OnChange(Name, (before, after) =>
        {
            if (before is not null && after is not null && JsonNode.DeepEquals(before.GetPath("metadata", "labels"), after.GetPath("metadata", "labels"))) return;
            foreach (var set in _sets.List()) Queue.Add(WorkQueue.Key(set.GetNamespace(), set.GetName()!));
        });
        return [_sets, _pods, _nodes];
    }

    protected override async Task SyncAsync(string? ns, string name, CancellationToken cancellationToken)
    {
        var set = _sets.Get(ns, name);
        if (set is null || set.GetPath("metadata", "deletionTimestamp") is not null) return;
        var hash = TemplateHash.Compute(set.GetPath("spec", "template"));
        var nodeSelector = set.GetPath("spec", "template", "spec", "nodeSelector") is JsonObject selector
            ? LabelSelector.Of(selector.Select(p => new LabelRequirement(p.Key, LabelOperator.Equals, [p.Value?.ToString() ?? ""])))
            : LabelSelector.Everything;
        var eligible = _nodes.List().Where(n => n.GetPath("metadata", "deletionTimestamp") is null && nodeSelector.Matches(n.GetLabels()))
            .Select(n => n.GetName()!).ToHashSet(StringComparer.Ordinal);
        var pods = _pods.ByOwner(set.GetUid()!).Where(PodState.IsActive).ToList();

        var byNode = pods.GroupBy(TargetNode).ToDictionary(g => g.Key ?? "", g => g.OrderBy(PodState.Created).ToList(), StringComparer.Ordinal);
        var condemned = new List<JsonObject>();
        foreach (var (node, onNode) in byNode)
        {
            if (!eligible.Contains(node)) condemned.AddRange(onNode);
            else condemned.AddRange(onNode.Skip(1));
        }
        foreach (var node in eligible.Where(n => !byNode.ContainsKey(n)).Order(StringComparer.Ordinal))
        {
            var created = await CreatePodAsync(set, node, hash, cancellationToken);
            pods.Add(created);
            byNode[node] = [created];
        }
        condemned.AddRange(RollingVictims(set, byNode, eligible, hash));
        foreach (var pod in condemned.Distinct())
        {
            _pods.Forget(pod);
            pods.Remove(pod);
            if (await Client.DeleteAsync(PodType, pod.GetNamespace(), pod.GetName()!, cancellationToken: cancellationToken))
            {
                await Client.Events.RecordAsync(set, "Normal", "SuccessfulDelete", $"Deleted pod: {pod.GetName()}", Component, cancellationToken);
            }
        }
        await UpdateStatusAsync(set, pods, eligible, hash, cancellationToken);
    }

    /// <summary>Old-template pods to replace now: as many as maxUnavailable leaves room for, unavailable ones first.</summary>
    private List<JsonObject> RollingVictims(JsonObject set, Dictionary<string, List<JsonObject>> byNode, HashSet<string> eligible, string hash)
    {
        if (set.GetPath("spec", "updateStrategy", "type")?.ToString() == "OnDelete") return [];
        var minReady = Numbers.Int(set.GetPath("spec", "minReadySeconds")) ?? 0;
        var now = Client.Time.GetUtcNow();
        var maxUnavailable = Math.Max(1, IntOrPercent.Scaled(set.GetPath("spec", "updateStrategy", "rollingUpdate", "maxUnavailable"), eligible.Count, roundUp: true, fallback: 1));
        var current = eligible.Select(n => byNode.TryGetValue(n, out var p) ? p.FirstOrDefault() : null).ToList();
        var unavailable = current.Count(p => p is null || !PodState.IsAvailable(p, minReady, now));
        var old = current.OfType<JsonObject>().Where(p => !p.GetLabels().TryGetValue(WorkloadKeys.ControllerRevisionHash, out var h) || h != hash).ToList();
        var victims = old.Where(p => !PodState.IsAvailable(p, minReady, now)).ToList();
        var budget = maxUnavailable - unavailable;
        victims.AddRange(old.Where(p => PodState.IsAvailable(p, minReady, now)).Take(Math.Max(0, budget)));
        return victims;
    }

    private async Task<JsonObject> CreatePodAsync(JsonObject set, string node, string hash, CancellationToken cancellationToken)
    {
        var pod = PodTemplates.NewPod(set, set.GetPath("spec", "template") as JsonObject);
        pod.SetLabel(WorkloadKeys.ControllerRevisionHash, hash);
        pod.SetLabel(WorkloadKeys.DaemonSetTemplateGeneration, set.GetGeneration().ToString(CultureInfo.InvariantCulture));
        var spec = pod.EnsureObject("spec");
        spec["affinity"] = new JsonObject
        {
            ["nodeAffinity"] = new JsonObject
            {
                ["requiredDuringSchedulingIgnoredDuringExecution"] = new JsonObject
                {
                    ["nodeSelectorTerms"] = new JsonArray(new JsonObject
                    {
                        ["matchFields"] = new JsonArray(new JsonObject { ["key"] = "metadata.name", ["operator"] = "In", ["values"] = new JsonArray(node) }),
                    }),
                },
            },
        };
        var tolerations = spec["tolerations"] as JsonArray ?? [];
        var copy = new JsonArray([.. tolerations.Select(t => t?.DeepClone())]);
        foreach (var (key, effect) in DefaultTolerations)
        {
            if (tolerations.OfType<JsonObject>().Any(t => t.GetString("key") == key && t.GetString("effect") == effect)) continue;
            copy.Add(new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = effect });
        }
        spec["tolerations"] = copy;
        var created = await Client.CreateAsync(PodType, pod, Component, cancellationToken);
        _pods.Upsert(created);
        await Client.Events.RecordAsync(set, "Normal", "SuccessfulCreate", $"Created pod: {created.GetName()}", Component, cancellationToken);
        return created;
    }

    /// <summary>The node a daemon pod runs on, or is pinned to by its node affinity before it is bound.</summary>
    private static string? TargetNode(JsonObject pod) =>
        PodState.NodeName(pod)
        ?? (pod.GetPath("spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms") as JsonArray)?
            .OfType<JsonObject>().SelectMany(t => (t["matchFields"] as JsonArray)?.OfType<JsonObject>() ?? [])
            .FirstOrDefault(f => f.GetString("key") == "metadata.name")?["values"]?[0]?.ToString();
}
