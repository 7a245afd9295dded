using System.Text.Json.Nodes;
using Keelson.Cluster.Api;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Registry;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers;

/// <summary>
/// Serves the kinds CustomResourceDefinitions declare: registers them in the catalog as soon as a CRD is written,
/// and on its deletion stops serving them and removes their objects.
/// </summary>
internal sealed class CustomResourceController(ResourceCatalog catalog, ObjectRegistry registry) : IWriteObserver
{
    private ResourceType CrdType => catalog.Find("apiextensions.k8s.io", "v1", "customresourcedefinitions")!;

    /// <summary>Registers the CRDs already stored (at start).</summary>
    public void LoadExisting()
    {
        foreach (var crd in registry.List(CrdType, null).Items) Register(crd);
    }

    public void Committed(ResourceType type, JsonObject? before, JsonObject? after)
    {
        if (!ResourceHandler.IsCrd(type)) return;
        if (after is not null)
        {
            Register(after);
            return;
        }
        if (before is null) return;
        var types = ResourceType.FromCrd(before, out _);
        catalog.UnregisterCustom(before.GetName()!);
        foreach (var served in types.Take(1))
        {
            // Objects are stored once per resource, whatever the version: remove them all.
            var (items, _) = registry.List(served, null);
            foreach (var item in items)
            {
                _ = DeleteQuietlyAsync(served, item);
            }
        }
    }

    private void Register(JsonObject crd)
    {
        var types = ResourceType.FromCrd(crd, out var errors);
        if (errors.Count == 0 && types.Count > 0) catalog.RegisterCustom(crd.GetName()!, types);
    }

    private async Task DeleteQuietlyAsync(ResourceType type, JsonObject item)
    {
        try
        {
            var current = registry.GetWithRevision(type, item.GetNamespace(), item.GetName()!);
            if (current is not null) await registry.DeleteAsync(type, item.GetNamespace(), item.GetName()!, current.Value.Revision);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or Storage.RevisionConflictException)
        {
            // Already changed or gone.
        }
    }
}
