using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Storage;
using Keelson.Resources;

namespace Keelson.Cluster.Api;

internal sealed partial class ResourceHandler
{
    /// <summary>
    /// A write by the server itself (a controller): changes the stored object with <paramref name="mutate"/>, which
    /// returns false to leave it alone. No admission, no field management; an object being deleted whose last
    /// finalizer is removed is deleted. Returns false when the object is absent.
    /// </summary>
    internal async Task<bool> MutateAsync(ResourceType type, string? ns, string name, Func<JsonObject, bool> mutate, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var found = registry.GetWithRevision(type, ns, name);
            if (found is null) return false;
            var (current, revision) = found.Value;
            var next = (JsonObject)current.DeepClone();
            if (!mutate(next)) return true;
            try
            {
                if (DeletionComplete(type, next))
                {
                    await registry.DeleteAsync(type, ns, name, revision, cancellationToken);
                    events.Committed(type, current, null);
                }
                else
                {
                    var stored = await registry.UpdateAsync(type, next, revision, cancellationToken);
                    events.Committed(type, current, stored);
                }
                return true;
            }
            catch (RevisionConflictException)
            {
                // Retry on the newer state.
            }
            catch (KeyNotFoundException)
            {
                return false;
            }
        }
        throw new InvalidOperationException($"{type.Kind}/{ns}/{name}: gave up after repeated write conflicts");
    }

    /// <summary>Removes one finalizer (metadata.finalizers) by a controller.</summary>
    internal Task<bool> RemoveFinalizerAsync(ResourceType type, string? ns, string name, string finalizer, CancellationToken cancellationToken = default) =>
        MutateAsync(type, ns, name, obj =>
        {
            if (obj.GetPath("metadata", "finalizers") is not JsonArray list) return false;
            var keep = list.Where(f => f?.ToString() != finalizer).Select(f => f!.DeepClone()).ToArray();
            if (keep.Length == list.Count) return false;
            if (keep.Length == 0) obj.Metadata().Remove("finalizers");
            else obj.Metadata()["finalizers"] = new JsonArray(keep);
            return true;
        }, cancellationToken);
}
