using System.Text.Json.Nodes;
using Keelson.Cluster.Controllers.Informers;
using Keelson.Resources;
using Microsoft.Extensions.Logging;

namespace Keelson.Cluster.Controllers.LoadBalancers;

/// <summary>
/// The cloud service controller's part for Services of type LoadBalancer: reports status.loadBalancer.ingress
/// [{ip: 127.0.0.1, ipMode: VIP}] (see <see cref="LoadBalancerAddress"/>), and clears it when the type changes.
/// </summary>
internal sealed class ServiceLoadBalancerController(SharedInformers informers, ILogger logger) : QueueController(informers, logger)
{
    public const string Component = "service-controller";

    private Informer _services = null!;

    public override string Name => Component;

    protected override int Workers => 2;

    protected override IReadOnlyList<Informer> Start()
    {
        _services = SharedInformer("", "v1", "services");
        _services.OnChange(Name, (_, after) =>
        {
            if (after is not null) Queue.Add(WorkQueue.Key(after.GetNamespace(), after.GetName()!));
        });
        return [_services];
    }

    protected override async Task SyncAsync(string? ns, string name, CancellationToken cancellationToken)
    {
        var service = _services.Get(ns, name);
        if (service is null || service.GetPath("metadata", "deletionTimestamp") is not null) return;
        var isLoadBalancer = service.GetPath("spec", "type")?.ToString() == "LoadBalancer";
        var desired = isLoadBalancer ? LoadBalancerAddress.Status(withIpMode: true) : new JsonObject();
        var current = service.GetPath("status", "loadBalancer") ?? new JsonObject();
        if (JsonNode.DeepEquals(current, desired)) return;
        var copy = (JsonObject)service.DeepClone();
        copy.EnsureObject("status")["loadBalancer"] = desired;
        _services.Upsert(await Client.UpdateStatusAsync(_services.Type, copy, Component, cancellationToken));
        if (isLoadBalancer) await Client.Events.RecordAsync(service, "Normal", "EnsuredLoadBalancer", "Ensured load balancer", Component, cancellationToken);
    }
}
