using System.Text.Json.Nodes;
using Keelson.Cluster.Api;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Registry;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers;

/// <summary>Keeps the cluster IP allocator in step with stored Services: addresses in use are reserved, freed on delete.</summary>
internal sealed class ServiceIPController(ResourceCatalog catalog, ObjectRegistry registry, ClusterIPAllocator allocator) : IWriteObserver
{
    public void LoadExisting()
    {
        var type = catalog.Find("", "v1", "services")!;
        foreach (var service in registry.List(type, null).Items)
        {
            if (service.GetPath("spec", "clusterIP")?.ToString() is { } ip) allocator.Reserve(ip);
        }
    }

    public void Committed(ResourceType type, JsonObject? before, JsonObject? after)
    {
        if (type.Group.Length != 0 || type.Plural != "services") return;
        if (after?.GetPath("spec", "clusterIP")?.ToString() is { } ip) allocator.Reserve(ip);
        if (after is null && before?.GetPath("spec", "clusterIP")?.ToString() is { } old) allocator.Release(old);
    }
}
