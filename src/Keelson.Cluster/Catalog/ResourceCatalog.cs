using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// The resources the server serves: the built-in ones and those CustomResourceDefinitions add. Thread-safe;
/// <see cref="Generation"/> changes on every registration so discovery and OpenAPI hashes change.
/// </summary>
public sealed class ResourceCatalog
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<ResourceType> _builtin;
    private readonly IReadOnlyList<GroupVersion> _builtinGroupVersions;
    private readonly Dictionary<string, IReadOnlyList<ResourceType>> _custom = new(StringComparer.Ordinal);
    private Snapshot _snapshot;
    private long _generation;

    private ResourceCatalog(IReadOnlyList<ResourceType> builtin, IReadOnlyList<GroupVersion> builtinGroupVersions)
    {
        _builtin = builtin;
        _builtinGroupVersions = builtinGroupVersions;
        _snapshot = Build();
        _generation = 1;
    }

    /// <summary>A catalog holding the built-in resources of Kubernetes 1.32 that the embedded cluster serves.</summary>
    public static ResourceCatalog CreateBuiltin() => new(BuiltinTypes.All, BuiltinTypes.GroupVersions);

    /// <summary>Starts at 1 and increases by one on every <see cref="RegisterCustom"/> or effective <see cref="UnregisterCustom"/>.</summary>
    public long Generation
    {
        get { lock (_gate) return _generation; }
    }

    /// <summary>Every served type: built-in ones first, then custom ones ordered by group and version priority.</summary>
    public IReadOnlyList<ResourceType> All => Current.Types;

    /// <summary>Every served group-version, core "v1" first, then groups in discovery order.</summary>
    public IReadOnlyList<GroupVersion> GroupVersions => Current.GroupVersions;

    /// <summary>The API groups in discovery order (core "" first), each with its versions, preferred version first.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups => Current.Groups;

    public ResourceType? Find(string group, string version, string plural) =>
        Current.ByResource.GetValueOrDefault((group, version, plural));

    public ResourceType? FindByKind(GroupVersionKind gvk) =>
        Current.ByKind.GetValueOrDefault((gvk.Group, gvk.Version, gvk.Kind));

    /// <summary>The types of one group-version in discovery order; empty when the group-version is not served.</summary>
    public IReadOnlyList<ResourceType> InGroupVersion(GroupVersion gv) =>
        Current.Types.Where(t => t.Group == gv.Group && t.Version == gv.Version).ToList();

    /// <summary>
    /// Resolves what a user may type on a command line in a group: plural, singular or short name,
    /// in the group's preferred version. Null when nothing matches.
    /// </summary>
    public ResourceType? Resolve(string group, string name)
    {
        var snapshot = Current;
        var versions = snapshot.Groups.FirstOrDefault(g => g.Group == group).Versions ?? [];
        foreach (var version in versions)
        {
            var match = snapshot.Types.FirstOrDefault(t => t.Group == group && t.Version == version &&
                (t.Plural == name || t.Singular == name || t.ShortNames.Contains(name)));
            if (match is not null) return match;
        }
        return null;
    }

    /// <summary>Adds (or replaces) the types a CRD serves, keyed by the CRD's name ("widgets.example.com").</summary>
    public void RegisterCustom(string crdName, IReadOnlyList<ResourceType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        lock (_gate)
        {
            _custom[crdName] = types.Select(t => t with { IsCustom = true }).ToList();
            _snapshot = Build();
            _generation++;
        }
    }

    public void UnregisterCustom(string crdName)
    {
        lock (_gate)
        {
            if (!_custom.Remove(crdName)) return;
            _snapshot = Build();
            _generation++;
        }
    }

    private Snapshot Current
    {
        get { lock (_gate) return _snapshot; }
    }

    // Called under the lock (or from the constructor): rebuilds the immutable lookup snapshot.
    private Snapshot Build()
    {
        var builtinKeys = new HashSet<(string, string, string)>(_builtin.Select(t => (t.Group, t.Version, t.Plural)));
        var custom = _custom.Values.SelectMany(v => v)
            .Where(t => !builtinKeys.Contains((t.Group, t.Version, t.Plural)))
            .OrderBy(t => t.Group, StringComparer.Ordinal)
            .ThenBy(t => t.Version, KubeVersionComparer.Instance)
            .ThenBy(t => t.Plural, StringComparer.Ordinal)
            .ToList();
        var types = _builtin.Concat(custom).ToList();

        var groups = new List<(string Group, IReadOnlyList<string> Versions)>();
        foreach (var group in _builtinGroupVersions.Select(gv => gv.Group).Distinct())
        {
            groups.Add((group, _builtinGroupVersions.Where(gv => gv.Group == group).Select(gv => gv.Version).ToList()));
        }
        var builtinGroups = groups.Select(g => g.Group).ToHashSet(StringComparer.Ordinal);
        foreach (var group in custom.Select(t => t.Group).Distinct().Where(g => !builtinGroups.Contains(g)))
        {
            var versions = custom.Where(t => t.Group == group).Select(t => t.Version).Distinct()
                .OrderBy(v => v, KubeVersionComparer.Instance).ToList();
            groups.Add((group, versions));
        }

        var groupVersions = groups.SelectMany(g => g.Versions.Select(v => new GroupVersion(g.Group, v))).ToList();
        var byResource = new Dictionary<(string, string, string), ResourceType>();
        var byKind = new Dictionary<(string, string, string), ResourceType>();
        foreach (var t in types)
        {
            byResource.TryAdd((t.Group, t.Version, t.Plural), t);
            byKind.TryAdd((t.Group, t.Version, t.Kind), t);
        }
        return new Snapshot(types, groupVersions, groups, byResource, byKind);
    }

    private sealed record Snapshot(
        IReadOnlyList<ResourceType> Types,
        IReadOnlyList<GroupVersion> GroupVersions,
        IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups,
        Dictionary<(string, string, string), ResourceType> ByResource,
        Dictionary<(string, string, string), ResourceType> ByKind);
}
