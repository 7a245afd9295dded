using System.Text.Json.Nodes;
using Keelson.Cluster.Controllers.Informers;
using Keelson.Resources;
using Microsoft.Extensions.Logging;

namespace Keelson.Cluster.Controllers.LoadBalancers;

/// <summary>
/// What an ingress controller writes back: every Ingress gets status.loadBalancer.ingress [{ip: 127.0.0.1}] (see
/// <see cref="LoadBalancerAddress"/>), whatever its class. No traffic is routed.
/// </summary>
internal sealed class IngressStatusController(SharedInformers informers, ILogger logger) : QueueController(informers, logger)
{
    public const string Component = "ingress-controller";

    private Informer _ingresses = null!;

    public override string Name => Component;

    protected override int Workers => 2;

    protected override IReadOnlyList<Informer> Start()
    {
        _ingresses = SharedInformer("networking.k8s.io", "v1", "ingresses");
        _ingresses.OnChange(Name, (_, after) =>
        {
            if (after is not null) Queue.Add(WorkQueue.Key(after.GetNamespace(), after.GetName()!));
        });
        return [_ingresses];
    }

    protected override async Task SyncAsync(string? ns, string name, CancellationToken cancellationToken)
    {
        var ingress = _ingresses.Get(ns, name);
        if (ingress is null || ingress.GetPath("metadata", "deletionTimestamp") is not null) return;
        var desired = LoadBalancerAddress.Status(withIpMode: false);
        if (JsonNode.DeepEquals(ingress.GetPath("status", "loadBalancer"), desired)) return;
        var copy = (JsonObject)ingress.DeepClone();
        copy.EnsureObject("status")["loadBalancer"] = desired;
        _ingresses.Upsert(await Client.UpdateStatusAsync(_ingresses.Type, copy, Component, cancellationToken));
    }
}
