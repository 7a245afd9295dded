using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Engine.Kube;

public sealed partial class KubeClient
{
    private async Task<DiscoveryIndex> DiscoveryAsync(bool refresh, CancellationToken cancellationToken)
    {
        var current = _discovery;
        if (current is not null && !refresh) return current;
        await _discoveryLock.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have refreshed while this one waited.
            if (_discovery is { } fresh && !ReferenceEquals(fresh, current)) return fresh;
            var index = new DiscoveryIndex();
            var core = await GetRawAsync("/api/v1", cancellationToken);
            index.Add("", "v1", core, preferred: true);
            var groups = await GetRawAsync("/apis", cancellationToken);
            var lists = new List<Task<(string Group, string Version, bool Preferred, JsonObject List)>>();
            foreach (var group in (groups["groups"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var name = group.GetString("name") ?? "";
                var preferred = (group["preferredVersion"] as JsonObject)?.GetString("version");
                foreach (var version in (group["versions"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var v = version.GetString("version") ?? "";
                    lists.Add(FetchGroupVersion(name, v, v == preferred, cancellationToken));
                }
            }
            foreach (var (group, version, preferred, list) in await Task.WhenAll(lists))
                index.Add(group, version, list, preferred);
            _discovery = index;
            return index;
        }
        finally
        {
            _discoveryLock.Release();
        }
    }

    private async Task<(string, string, bool, JsonObject)> FetchGroupVersion(string group, string version, bool preferred, CancellationToken cancellationToken)
    {
        try
        {
            return (group, version, preferred, await GetRawAsync($"/apis/{group}/{version}", cancellationToken));
        }
        catch (KubeApiException)
        {
            // A group version that cannot be listed (an aggregated API that is down) is left out, as kubectl does.
            return (group, version, preferred, new JsonObject());
        }
    }

    private sealed class DiscoveryIndex
    {
        private readonly Dictionary<(string Group, string Version, string Kind), ApiResource> _byVersion = [];
        private readonly Dictionary<(string Group, string Kind), ApiResource> _preferred = [];

        public void Add(string group, string version, JsonObject list, bool preferred)
        {
            foreach (var r in (list["resources"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var plural = r.GetString("name") ?? "";
                if (plural.Length == 0 || plural.Contains('/')) continue;
                var kind = r.GetString("kind") ?? "";
                var resource = new ApiResource(group, version, kind, plural, r["namespaced"]?.GetValue<bool>() ?? false);
                _byVersion[(group, version, kind)] = resource;
                if (preferred || !_preferred.ContainsKey((group, kind))) _preferred[(group, kind)] = resource;
            }
        }

        public ApiResource? Find(string group, string version, string kind) => _byVersion.GetValueOrDefault((group, version, kind));

        public ApiResource? FindPreferred(string group, string kind) => _preferred.GetValueOrDefault((group, kind));
    }
}
