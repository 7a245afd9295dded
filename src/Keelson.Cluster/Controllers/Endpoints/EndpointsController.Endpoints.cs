using System.Text.Json.Nodes;
using Keelson.Cluster.Api;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Endpoints;

internal sealed partial class EndpointsController
{
    private async Task SyncEndpointsAsync(JsonObject service, List<BackendGroup> groups, CancellationToken cancellationToken)
    {
        var subsets = new JsonArray();
        foreach (var group in groups)
        {
            var subset = new JsonObject();
            var ready = group.Backends.Where(b => b.Ready).Select(Address).ToArray();
            var notReady = group.Backends.Where(b => !b.Ready).Select(Address).ToArray();
            if (ready.Length > 0) subset["addresses"] = new JsonArray(ready);
            if (notReady.Length > 0) subset["notReadyAddresses"] = new JsonArray(notReady);
            if (group.Ports.Count > 0)
            {
                subset["ports"] = new JsonArray([.. group.Ports.Select(p =>
                {
                    var port = new JsonObject();
                    if (p.Name.Length > 0) port["name"] = p.Name;
                    port["port"] = p.Port;
                    port["protocol"] = p.Protocol;
                    return (JsonNode)port;
                })]);
            }
            subsets.Add(subset);
        }

        var labels = (JsonObject)(service.GetPath("metadata", "labels")?.DeepClone() ?? new JsonObject());
        if (service.GetPath("spec", "clusterIP")?.ToString() == "None") labels[WorkloadKeys.Headless] = "";
        var ns = service.GetNamespace();
        var name = service.GetName()!;
        var existing = Client.Get(EndpointsType, ns, name);
        if (existing is null)
        {
            var endpoints = new JsonObject { ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels } };
            if (subsets.Count > 0) endpoints["subsets"] = subsets;
            try
            {
                await Client.CreateAsync(EndpointsType, endpoints, Component, cancellationToken);
            }
            catch (ApiException ex) when (ex.Code == 409)
            {
                Queue.Add(Informers.WorkQueue.Key(ns, name));
            }
            return;
        }
        var currentSubsets = existing["subsets"] as JsonArray ?? [];
        if (JsonNode.DeepEquals(currentSubsets, subsets) && JsonNode.DeepEquals(existing.GetPath("metadata", "labels") ?? new JsonObject(), labels)) return;
        var copy = (JsonObject)existing.DeepClone();
        copy.Metadata()["labels"] = labels;
        if (subsets.Count > 0) copy["subsets"] = subsets;
        else copy.Remove("subsets");
        await Client.UpdateAsync(EndpointsType, copy, Component, cancellationToken);
    }

    private static JsonNode Address(Backend backend)
    {
        var address = new JsonObject { ["ip"] = backend.IP };
        if (PodState.NodeName(backend.Pod) is { } node) address["nodeName"] = node;
        address["targetRef"] = TargetRef(backend.Pod);
        return address;
    }

    private static JsonObject TargetRef(JsonObject pod) => new()
    {
        ["kind"] = "Pod",
        ["namespace"] = pod.GetNamespace(),
        ["name"] = pod.GetName(),
        ["uid"] = pod.GetUid(),
    };
}
