using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// The OpenAPI documents of one catalog, built on first request and served from memory while the catalog's
/// <see cref="ResourceCatalog.Generation"/> stays the same (kubectl fetches them on every apply and explain).
/// When the generation changes, a document is rebuilt only if the types of its group-version changed: registering
/// a CRD does not regenerate the built-in documents.
/// </summary>
internal sealed class OpenApiCache
{
    private static readonly ConditionalWeakTable<ResourceCatalog, OpenApiCache> Caches = new();

    private readonly Lock _gate = new();
    private readonly Dictionary<GroupVersion, (long Generation, IReadOnlyList<ResourceType> Types, JsonObject? Document, string Hash)> _documents = [];

    public static OpenApiCache Of(ResourceCatalog catalog) => Caches.GetValue(catalog, static _ => new OpenApiCache());

    /// <summary>The document of a group-version and its hash, building it with <paramref name="build"/> when not cached.</summary>
    public (JsonObject? Document, string Hash) Get(
        ResourceCatalog catalog, GroupVersion gv, Func<GroupVersion, IReadOnlyList<ResourceType>, JsonObject?> build)
    {
        // The generation is read before the types: a registration racing with this call leaves an entry tagged with
        // the older generation, which the next call re-validates.
        var generation = catalog.Generation;
        (long Generation, IReadOnlyList<ResourceType> Types, JsonObject? Document, string Hash) entry;
        bool found;
        lock (_gate)
        {
            found = _documents.TryGetValue(gv, out entry);
            if (found && entry.Generation == generation) return (entry.Document, entry.Hash);
        }
        var types = catalog.InGroupVersion(gv);
        if (!found || !entry.Types.SequenceEqual(types, ReferenceEqualityComparer.Instance))
        {
            var document = build(gv, types);
            var hash = document is null ? "" : Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes(document.ToJsonString())));
            entry = (generation, types, document, hash);
        }
        lock (_gate)
        {
            if (!_documents.TryGetValue(gv, out var current) || current.Generation <= generation)
                _documents[gv] = entry with { Generation = generation };
        }
        return (entry.Document, entry.Hash);
    }
}
