using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Endpoints;

internal sealed partial class EndpointsController
{
    /// <summary>One slice per port resolution (an empty placeholder when no pod backs the Service); surplus slices go.</summary>
    private async Task SyncSlicesAsync(JsonObject service, List<BackendGroup> groups, CancellationToken cancellationToken)
    {
        var existing = _slices.ByOwner(service.GetUid()!)
            .Where(s => s.GetLabels().TryGetValue(WorkloadKeys.ManagedBy, out var m) && m == WorkloadKeys.EndpointSliceControllerName)
            .OrderBy(s => s.GetName(), StringComparer.Ordinal).ToList();
        var desired = groups.Count == 0 ? [new BackendGroup([], [])] : groups;
        var unused = new List<JsonObject>(existing);
        foreach (var group in desired)
        {
            var ports = PortsOf(group);
            var endpoints = new JsonArray([.. group.Backends.Select(Endpoint)]);
            var match = unused.FirstOrDefault(s => JsonNode.DeepEquals(s["ports"] ?? new JsonArray(), ports)) ?? unused.FirstOrDefault();
            if (match is not null)
            {
                unused.Remove(match);
                if (JsonNode.DeepEquals(match["ports"] ?? new JsonArray(), ports) && JsonNode.DeepEquals(match["endpoints"] ?? new JsonArray(), endpoints)
                    && SameLabels(match, service)) continue;
                var copy = (JsonObject)match.DeepClone();
                copy["endpoints"] = endpoints;
                copy["ports"] = ports;
                copy.Metadata()["labels"] = Labels(service);
                _slices.Upsert(await Client.UpdateAsync(SliceType, copy, Component, cancellationToken));
                continue;
            }
            var slice = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["generateName"] = service.GetName() + "-",
                    ["namespace"] = service.GetNamespace(),
                    ["labels"] = Labels(service),
                    ["ownerReferences"] = new JsonArray(Owners.ControllerRef(service)),
                },
                ["addressType"] = "IPv4",
                ["endpoints"] = endpoints,
                ["ports"] = ports,
            };
            _slices.Upsert(await Client.CreateAsync(SliceType, slice, WorkloadKeys.EndpointSliceControllerName, cancellationToken));
        }
        foreach (var slice in unused)
        {
            _slices.Forget(slice);
            await Client.DeleteAsync(SliceType, slice.GetNamespace(), slice.GetName()!, cancellationToken: cancellationToken);
        }
    }

    private static JsonArray PortsOf(BackendGroup group) =>
        new([.. group.Ports.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["protocol"] = p.Protocol, ["port"] = p.Port })]);

    private static JsonNode Endpoint(Backend backend)
    {
        var terminating = backend.Pod.GetPath("metadata", "deletionTimestamp") is not null;
        var endpoint = new JsonObject
        {
            ["addresses"] = new JsonArray(backend.IP),
            ["conditions"] = new JsonObject
            {
                ["ready"] = backend.Ready && !terminating,
                ["serving"] = backend.Ready,
                ["terminating"] = terminating,
            },
            ["targetRef"] = TargetRef(backend.Pod),
        };
        if (PodState.NodeName(backend.Pod) is { } node) endpoint["nodeName"] = node;
        return endpoint;
    }

    private static JsonObject Labels(JsonObject service)
    {
        var labels = (JsonObject)(service.GetPath("metadata", "labels")?.DeepClone() ?? new JsonObject());
        labels[WorkloadKeys.ServiceName] = service.GetName();
        labels[WorkloadKeys.ManagedBy] = WorkloadKeys.EndpointSliceControllerName;
        if (service.GetPath("spec", "clusterIP")?.ToString() == "None") labels[WorkloadKeys.Headless] = "";
        return labels;
    }

    private static bool SameLabels(JsonObject slice, JsonObject service) => JsonNode.DeepEquals(slice.GetPath("metadata", "labels"), Labels(service));
}
