using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// The resources the server serves: the built-in ones and those CustomResourceDefinitions add. Thread-safe;
/// <see cref="Generation"/> changes on every registration so discovery and OpenAPI hashes change.
/// </summary>
public sealed class ResourceCatalog
{
    /// <summary>A catalog holding the built-in resources of Kubernetes 1.32 that the embedded cluster serves.</summary>
    public static ResourceCatalog CreateBuiltin() => throw new NotImplementedException();

    public long Generation => throw new NotImplementedException();

    public IReadOnlyList<ResourceType> All => throw new NotImplementedException();

    /// <summary>Every served group-version, core "v1" first, then groups in discovery order.</summary>
    public IReadOnlyList<GroupVersion> GroupVersions => throw new NotImplementedException();

    public ResourceType? Find(string group, string version, string plural) => throw new NotImplementedException();

    public ResourceType? FindByKind(GroupVersionKind gvk) => throw new NotImplementedException();

    /// <summary>Adds (or replaces) the types a CRD serves, keyed by the CRD's name ("widgets.example.com").</summary>
    public void RegisterCustom(string crdName, IReadOnlyList<ResourceType> types) => throw new NotImplementedException();

    public void UnregisterCustom(string crdName) => throw new NotImplementedException();
}
