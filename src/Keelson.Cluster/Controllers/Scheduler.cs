using System.Text.Json.Nodes;
using System.Threading.Channels;
using Keelson.Cluster.Kubelet;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers;

/// <summary>
/// kube-scheduler for the one simulated node: binds pending pods (schedulerName default-scheduler, no nodeName) to
/// keelson-node when their requests fit what the node's non-terminated pods leave of its allocatable cpu, memory and
/// pods, and its labels match their nodeSelector. A pod that does not fit stays Pending with PodScheduled=False
/// (Unschedulable) and a FailedScheduling event; it is tried again when a pod leaves the node or the node changes.
/// Bindings are written as the binding subresource writes them: spec.nodeName and PodScheduled=True.
/// </summary>
internal sealed class Scheduler : IController
{
    private const string Component = "default-scheduler";

    private readonly Channel<(WatchEvent Event, bool IsNode)> _changes = Channel.CreateUnbounded<(WatchEvent, bool)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Pods counted against the node (bound and not terminated), by uid.</summary>
    private readonly Dictionary<string, PodRequests> _bound = new(StringComparer.Ordinal);

    /// <summary>Pods waiting for a scheduling attempt, in arrival order, by uid.</summary>
    private readonly Dictionary<string, JsonObject> _active = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>Pods that did not fit, parked until something frees room.</summary>
    private readonly Dictionary<string, JsonObject> _unschedulable = new(StringComparer.Ordinal);

    private PodRequests _used;

    public string Name => "scheduler";

    public async Task RunAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = new EventQueue(client, Component);
        var watches = new[]
        {
            PumpAsync(client, client.Type("", "v1", "pods"), isNode: false, stop.Token),
            PumpAsync(client, client.Type("", "v1", "nodes"), isNode: true, stop.Token),
            events.RunAsync(stop.Token),
        };
        try
        {
            while (await _changes.Reader.WaitToReadAsync(cancellationToken))
            {
                while (_changes.Reader.TryRead(out var change)) Observe(change.Event, change.IsNode);
                await ScheduleAsync(client, events, cancellationToken);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(watches);
        }
    }

    private async Task PumpAsync(ClusterClient client, Catalog.ResourceType type, bool isNode, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in client.WatchAsync(type, null, cancellationToken)) _changes.Writer.TryWrite((change, isNode));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            // A watch that ends otherwise fails the controller, which then restarts with fresh state.
            if (!cancellationToken.IsCancellationRequested) _changes.Writer.TryComplete(new InvalidOperationException($"{type.Plural} watch ended"));
        }
    }

    private void Observe(WatchEvent change, bool isNode)
    {
        if (isNode)
        {
            Reactivate();
            return;
        }
        var pod = change.Object;
        var uid = pod.GetUid();
        if (uid is null) return;
        var nodeName = pod.GetPath("spec", "nodeName")?.ToString();
        var phase = pod.GetPath("status", "phase")?.ToString();
        var terminated = phase is "Succeeded" or "Failed";
        if (change.Type == WatchEventType.Deleted || (nodeName is not null && terminated))
        {
            _active.Remove(uid);
            _unschedulable.Remove(uid);
            if (Release(uid)) Reactivate();
            return;
        }
        if (!string.IsNullOrEmpty(nodeName))
        {
            _active.Remove(uid);
            _unschedulable.Remove(uid);
            if (nodeName == SimulatedNode.Name && !_bound.ContainsKey(uid)) Hold(uid, PodRequests.Of(pod));
            return;
        }
        if (pod.GetPath("metadata", "deletionTimestamp") is not null) return;
        if ((pod.GetPath("spec", "schedulerName")?.ToString() ?? Component) != Component) return;
        if (_unschedulable.ContainsKey(uid))
        {
            _unschedulable[uid] = pod;
            return;
        }
        if (_active.TryAdd(uid, pod)) _order.Enqueue(uid);
        else _active[uid] = pod;
    }

    private void Hold(string uid, PodRequests requests)
    {
        _bound[uid] = requests;
        _used += requests;
    }

    private bool Release(string uid)
    {
        if (!_bound.Remove(uid, out var requests)) return false;
        _used -= requests;
        return true;
    }

    private void Reactivate()
    {
        foreach (var (uid, pod) in _unschedulable)
        {
            if (_active.TryAdd(uid, pod)) _order.Enqueue(uid);
        }
        _unschedulable.Clear();
    }

    /// <summary>Decides every waiting pod in arrival order, then writes the bindings and failures together.</summary>
    private async Task ScheduleAsync(ClusterClient client, EventQueue events, CancellationToken cancellationToken)
    {
        if (_order.Count == 0) return;
        var podType = client.Type("", "v1", "pods");
        var node = client.Get(client.Type("", "v1", "nodes"), null, SimulatedNode.Name);
        var (allocatable, maxPods) = node is null ? (new PodRequests(0, 0), 0L) : SimulatedNode.Allocatable(node);
        var nodeLabels = node?.GetLabels() ?? new Dictionary<string, string>();
        var writes = new List<Task>();
        var bindings = new List<(string Uid, Task<bool> Bound)>();
        while (_order.TryDequeue(out var uid))
        {
            if (!_active.Remove(uid, out var pod)) continue;
            var requests = PodRequests.Of(pod);
            var reasons = new List<string>();
            if (node is null) reasons.Add("no nodes available to schedule pods");
            else
            {
                if (!MatchesNodeSelector(pod, nodeLabels)) reasons.Add("1 node(s) didn't match Pod's node affinity/selector");
                if (_bound.Count + 1 > maxPods) reasons.Add("1 Too many pods");
                if (requests.MilliCpu > 0 && _used.MilliCpu + requests.MilliCpu > allocatable.MilliCpu) reasons.Add("1 Insufficient cpu");
                if (requests.Memory > 0 && _used.Memory + requests.Memory > allocatable.Memory) reasons.Add("1 Insufficient memory");
            }
            if (reasons.Count == 0)
            {
                Hold(uid, requests);
                bindings.Add((uid, BindAsync(client, podType, events, pod, uid, cancellationToken)));
            }
            else
            {
                _unschedulable[uid] = pod;
                writes.Add(MarkUnschedulableAsync(client, podType, events, pod, uid, Message(node is null, reasons), cancellationToken));
            }
        }
        await Task.WhenAll(writes);
        foreach (var (uid, bound) in bindings)
        {
            // Gone, replaced or bound elsewhere meanwhile: its watch event settles the accounting.
            if (!await bound) Release(uid);
        }
    }

    private static string Message(bool noNode, List<string> reasons)
    {
        if (noNode) return "no nodes available to schedule pods";
        reasons.Sort(StringComparer.Ordinal);
        var selectorOnly = reasons.All(r => r.Contains("affinity/selector", StringComparison.Ordinal));
        var preemption = selectorOnly ? "1 Preemption is not helpful for scheduling" : "1 No preemption victims found for incoming pod";
        return $"0/1 nodes are available: {string.Join(", ", reasons)}. preemption: 0/1 nodes are available: {preemption}.";
    }

    private static bool MatchesNodeSelector(JsonObject pod, IReadOnlyDictionary<string, string> labels)
    {
        if (pod.GetPath("spec", "nodeSelector") is not JsonObject selector) return true;
        foreach (var (key, value) in selector)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value?.ToString()) return false;
        }
        return true;
    }

    private static async Task<bool> BindAsync(ClusterClient client, Catalog.ResourceType podType, EventQueue events, JsonObject pod, string uid, CancellationToken cancellationToken)
    {
        var now = KubeTime.Format(client.Time.GetUtcNow());
        var bound = false;
        await client.MutateAsync(podType, pod.GetNamespace(), pod.GetName()!, current =>
        {
            bound = false;
            if (current.GetUid() != uid || current.GetPath("metadata", "deletionTimestamp") is not null) return false;
            if (!string.IsNullOrEmpty(current.GetPath("spec", "nodeName")?.ToString())) return false;
            current.EnsureObject("spec")["nodeName"] = SimulatedNode.Name;
            SetCondition(current, "True", null, null, now);
            bound = true;
            return true;
        }, cancellationToken);
        if (bound) events.Post(pod, "Normal", "Scheduled", $"Successfully assigned {pod.GetNamespace()}/{pod.GetName()} to {SimulatedNode.Name}");
        return bound;
    }

    private static async Task MarkUnschedulableAsync(ClusterClient client, Catalog.ResourceType podType, EventQueue events, JsonObject pod, string uid, string message, CancellationToken cancellationToken)
    {
        var now = KubeTime.Format(client.Time.GetUtcNow());
        await client.MutateAsync(podType, pod.GetNamespace(), pod.GetName()!, current =>
        {
            if (current.GetUid() != uid || !string.IsNullOrEmpty(current.GetPath("spec", "nodeName")?.ToString())) return false;
            return SetCondition(current, "False", "Unschedulable", message, now);
        }, cancellationToken);
        events.Post(pod, "Warning", "FailedScheduling", message);
    }

    /// <summary>Sets the PodScheduled condition; false when it already reads so.</summary>
    private static bool SetCondition(JsonObject pod, string status, string? reason, string? message, string now)
    {
        var podStatus = pod.EnsureObject("status");
        if (podStatus["conditions"] is not JsonArray conditions)
        {
            conditions = [];
            podStatus["conditions"] = conditions;
        }
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c.GetString("type") == "PodScheduled");
        if (existing is not null && existing.GetString("status") == status && existing.GetString("reason") == reason && existing.GetString("message") == message) return false;
        var condition = new JsonObject
        {
            ["type"] = "PodScheduled",
            ["status"] = status,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = existing is not null && existing.GetString("status") == status ? existing["lastTransitionTime"]?.DeepClone() : now,
        };
        if (reason is not null) condition["reason"] = reason;
        if (message is not null) condition["message"] = message;
        if (existing is not null) conditions[conditions.IndexOf(existing)] = condition;
        else conditions.Add(condition);
        return true;
    }
}
