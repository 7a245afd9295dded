using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Cluster.Api;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers;

/// <summary>
/// Writes core/v1 Events as kube components do, so `kubectl describe` and `kubectl get events` read naturally.
/// An event repeated for the same object, reason and message updates the existing one (count, lastTimestamp).
/// Failures to record are swallowed: events are best effort, as in Kubernetes.
/// </summary>
public sealed class EventRecorder
{
    private readonly ClusterClient _client;
    private readonly ConcurrentDictionary<(string Uid, string Reason, string Message), string> _recent = new();

    internal EventRecorder(ClusterClient client) => _client = client;

    /// <summary>Records an event of <paramref name="type"/> "Normal" or "Warning" about <paramref name="involved"/>.</summary>
    public async Task RecordAsync(JsonObject involved, string type, string reason, string message, string component, CancellationToken cancellationToken = default)
    {
        try
        {
            var events = _client.Type("", "v1", "events");
            var ns = involved.GetNamespace() ?? "default";
            var uid = involved.GetUid() ?? "";
            var now = KubeTime.Format(_client.Time.GetUtcNow());
            if (_recent.TryGetValue((uid, reason, message), out var existingName)
                && await _client.MutateAsync(events, ns, existingName, e =>
                {
                    var count = e["count"] is JsonValue c && c.TryGetValue<int>(out var n) ? n : 1;
                    e["count"] = count + 1;
                    e["lastTimestamp"] = now;
                    return true;
                }, cancellationToken))
            {
                return;
            }
            var name = $"{involved.GetName()}.{Convert.ToHexString(BitConverter.GetBytes(DateTime.UtcNow.Ticks ^ Random.Shared.NextInt64())).ToLowerInvariant()[..16]}";
            var evt = new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
                ["involvedObject"] = new JsonObject
                {
                    ["kind"] = involved.GetKind(),
                    ["namespace"] = involved.GetNamespace(),
                    ["name"] = involved.GetName(),
                    ["uid"] = uid,
                    ["apiVersion"] = involved.GetApiVersion(),
                    ["resourceVersion"] = involved.GetResourceVersion(),
                },
                ["reason"] = reason,
                ["message"] = message,
                ["source"] = new JsonObject { ["component"] = component },
                ["firstTimestamp"] = now,
                ["lastTimestamp"] = now,
                ["count"] = 1,
                ["type"] = type,
                ["eventTime"] = null,
                ["reportingComponent"] = component,
                ["reportingInstance"] = "",
            };
            if (involved.GetNamespace() is null) ((JsonObject)evt["involvedObject"]!).Remove("namespace");
            await _client.CreateAsync(events, evt, component, cancellationToken);
            _recent[(uid, reason, message)] = name;
            if (_recent.Count > 10_000) _recent.Clear();
        }
        catch (ApiException)
        {
            // Events are best effort (e.g. the namespace is terminating).
        }
    }
}
