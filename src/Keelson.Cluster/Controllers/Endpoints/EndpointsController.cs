using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Controllers.Informers;
using Keelson.Resources;
using Keelson.Resources.Selection;
using Microsoft.Extensions.Logging;

namespace Keelson.Cluster.Controllers.Endpoints;

/// <summary>
/// Publishes the pods behind each Service with a selector, as the endpoints and endpointslice controllers do: an
/// Endpoints object of the Service's name (ready pods in addresses, the others in notReadyAddresses) and
/// discovery.k8s.io/v1 EndpointSlices (labelled kubernetes.io/service-name and managed-by, owned by the Service) with
/// per-endpoint ready/serving/terminating conditions. Target ports resolve by number or by a container port's name;
/// pods that resolve a named port differently land in separate subsets and slices. Services without a selector are
/// left to their users.
/// </summary>
internal sealed partial class EndpointsController(SharedInformers informers, ILogger logger) : QueueController(informers, logger)
{
    public const string Component = "endpoint-controller";

    private Informer _services = null!;
    private Informer _pods = null!;
    private Informer _slices = null!;

    public override string Name => Component;

    protected override int Workers => 4;

    private ResourceType EndpointsType => Client.Type("", "v1", "endpoints");

    private ResourceType SliceType => _slices.Type;

    protected override IReadOnlyList<Informer> Start()
    {
        _services = SharedInformer("", "v1", "services");
        _pods = SharedInformer("", "v1", "pods");
        _slices = SharedInformer("discovery.k8s.io", "v1", "endpointslices");
        _services.OnChange(Name, (before, after) =>
        {
            var service = after ?? before!;
            Queue.Add(WorkQueue.Key(service.GetNamespace(), service.GetName()!));
        });
        _pods.OnChange(Name, (before, after) =>
        {
            // Only what the endpoints show matters: labels, IP, readiness, phase, deletion.
            if (before is not null && after is not null && !Relevant(before, after)) return;
            var ns = (after ?? before!).GetNamespace();
            foreach (var service in _services.List(ns))
            {
                if (Selector(service) is not { } selector) continue;
                if ((before is not null && selector.Matches(before.GetLabels())) || (after is not null && selector.Matches(after.GetLabels())))
                {
                    Queue.Add(WorkQueue.Key(ns, service.GetName()!));
                }
            }
        });
        _slices.OnChange(Name, (before, after) =>
        {
            var slice = after ?? before!;
            if (slice.GetLabels().TryGetValue(WorkloadKeys.ServiceName, out var service)) Queue.Add(WorkQueue.Key(slice.GetNamespace(), service));
        });
        return [_services, _pods, _slices];
    }

    private static bool Relevant(JsonObject before, JsonObject after) =>
        !JsonNode.DeepEquals(before.GetPath("metadata", "labels"), after.GetPath("metadata", "labels"))
        || PodState.PodIP(before) != PodState.PodIP(after)
        || PodState.IsReady(before) != PodState.IsReady(after)
        || PodState.Phase(before) != PodState.Phase(after)
        || PodState.NodeName(before) != PodState.NodeName(after)
        || (before.GetPath("metadata", "deletionTimestamp") is null) != (after.GetPath("metadata", "deletionTimestamp") is null);

    /// <summary>The Service's pod selector, or null when it has none (its endpoints are managed by hand).</summary>
    private static LabelSelector? Selector(JsonObject service)
    {
        if (service.GetPath("spec", "selector") is not JsonObject { Count: > 0 } selector) return null;
        if (service.GetPath("spec", "type")?.ToString() == "ExternalName") return null;
        return LabelSelector.Of(selector.Select(p => new LabelRequirement(p.Key, LabelOperator.Equals, [p.Value?.ToString() ?? ""])));
    }

    protected override async Task SyncAsync(string? ns, string name, CancellationToken cancellationToken)
    {
        var service = _services.Get(ns, name);
        if (service is null || service.GetPath("metadata", "deletionTimestamp") is not null)
        {
            // Slices go with the Service through their ownerReferences; Endpoints have none.
            if (service is null) await Client.DeleteAsync(EndpointsType, ns, name, cancellationToken: cancellationToken);
            return;
        }
        if (Selector(service) is not { } selector) return;
        var publishNotReady = service.GetPath("spec", "publishNotReadyAddresses") is JsonValue p && p.TryGetValue<bool>(out var b) && b;
        var groups = Backends.Group(service, _pods.List(ns).Where(pod => selector.Matches(pod.GetLabels())), publishNotReady);
        await SyncEndpointsAsync(service, groups, cancellationToken);
        await SyncSlicesAsync(service, groups, cancellationToken);
    }
}
