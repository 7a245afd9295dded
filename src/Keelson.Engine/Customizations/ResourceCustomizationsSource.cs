using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Engine.Lua;
using Keelson.Resources;

namespace Keelson.Engine.Customizations;

/// <summary>
/// The control namespace's <c>argocd-cm</c> as <see cref="ResourceCustomizations"/>, read again only when the
/// ConfigMap's resourceVersion changes. The controller feeds it from its watch; the server reads through it per
/// request. Thread-safe.
/// </summary>
public sealed class ResourceCustomizationsSource(LuaHost? host = null)
{
    public const string ConfigMapName = "argocd-cm";

    private readonly Lock _lock = new();
    private string? _version;
    private ResourceCustomizations _current = ResourceCustomizations.None;

    /// <summary>What the ConfigMap last seen says (no overrides before one is seen, or when there is none).</summary>
    public ResourceCustomizations Current => Volatile.Read(ref _current);

    /// <summary>Takes the ConfigMap as it is now (null: it does not exist); true when that changed the customizations.</summary>
    public bool Update(JsonObject? configMap)
    {
        var version = configMap is null ? "" : configMap.GetResourceVersion() ?? configMap["data"]?.ToJsonString() ?? "";
        lock (_lock)
        {
            if (version == _version) return false;
            _version = version;
            var data = (configMap?["data"] as JsonObject ?? []).Where(kv => kv.Value is not null)
                .ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal);
            var before = _current;
            Volatile.Write(ref _current, data.Count == 0 ? ResourceCustomizations.None : ResourceCustomizations.FromConfigMapData(data, host));
            return !ReferenceEquals(before, ResourceCustomizations.None) || !ReferenceEquals(_current, ResourceCustomizations.None);
        }
    }

    /// <summary>Reads argocd-cm from the control namespace and returns the customizations it gives.</summary>
    public async Task<ResourceCustomizations> ReadAsync(KubeClient control, string controlNamespace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(control);
        var configMaps = await control.FindAsync("v1", "ConfigMap", cancellationToken);
        Update(configMaps is null ? null : await control.GetAsync(configMaps, controlNamespace, ConfigMapName, cancellationToken));
        return Current;
    }
}
