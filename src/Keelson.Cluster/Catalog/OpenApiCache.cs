using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// The OpenAPI documents of one catalog, built on first request and kept until the catalog's
/// <see cref="ResourceCatalog.Generation"/> changes (kubectl fetches them on every apply and explain).
/// </summary>
internal sealed class OpenApiCache
{
    private static readonly ConditionalWeakTable<ResourceCatalog, OpenApiCache> Caches = new();

    private readonly Lock _gate = new();
    private readonly Dictionary<GroupVersion, (JsonObject? Document, string Hash)> _documents = [];
    private long _generation = -1;

    public static OpenApiCache Of(ResourceCatalog catalog) => Caches.GetValue(catalog, static _ => new OpenApiCache());

    /// <summary>The document of a group-version and its hash, building it with <paramref name="build"/> when not cached.</summary>
    public (JsonObject? Document, string Hash) Get(ResourceCatalog catalog, GroupVersion gv, Func<ResourceCatalog, GroupVersion, JsonObject?> build)
    {
        // Read the generation before building: a registration racing with the build makes the next call rebuild.
        var generation = catalog.Generation;
        lock (_gate)
        {
            if (generation != _generation)
            {
                _documents.Clear();
                _generation = generation;
            }
            if (_documents.TryGetValue(gv, out var cached)) return cached;
        }
        var document = build(catalog, gv);
        var hash = document is null ? "" : Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes(document.ToJsonString())));
        lock (_gate)
        {
            if (generation == _generation) _documents[gv] = (document, hash);
        }
        return (document, hash);
    }
}
