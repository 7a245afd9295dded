using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Storage;
using Keelson.Resources;
using Microsoft.AspNetCore.Http;

namespace Keelson.Cluster.Api;

internal sealed partial class ResourceHandler
{
    private async Task UpdateAsync(HttpContext context, ResourceRequest request)
    {
        RequireNamespace(request);
        var options = WriteOptions.From(context.Request, isApply: false);
        var mediaType = MediaTypes.Essence(context.Request.ContentType);
        if (mediaType is not (MediaTypes.Json or MediaTypes.Yaml or MediaTypes.Protobuf or "")) throw ApiErrors.UnsupportedMediaType(context.Request.ContentType ?? "");
        var body = RequestBody.DecodeObject(await RequestBody.ReadAsync(context.Request, context.RequestAborted), mediaType);
        var result = await WriteWithRetryAsync(context, request, options, recordUpdate: true, (current, _) =>
        {
            var updated = (JsonObject)body.DeepClone();
            if (request.Subresource == "scale") return ApplyScale(request.Type, current, updated);
            CheckIdentity(request, updated);
            return updated;
        });
        await WriteJsonAsync(context, 200, request.Subresource == "scale" ? ScaleOf(request.Type, result) : result);
    }

    /// <summary>
    /// Reads the object, computes its new state with <paramref name="mutate"/> and writes it if its version is unchanged,
    /// retrying on a concurrent write unless the new state names a resourceVersion (a client precondition).
    /// </summary>
    internal async Task<JsonObject> WriteWithRetryAsync(
        HttpContext? context,
        ResourceRequest request,
        WriteOptions options,
        bool recordUpdate,
        Func<JsonObject, long, JsonObject> mutate)
    {
        var type = request.Type;
        for (var attempt = 0; ; attempt++)
        {
            var found = registry.GetWithRevision(type, request.Namespace, request.Name!) ?? throw ApiErrors.NotFound(type, request.Name!);
            var (current, revision) = found;
            AsServed(type, current);
            var updated = mutate((JsonObject)current.DeepClone(), revision);
            var precondition = updated.GetResourceVersion();
            if (!string.IsNullOrEmpty(precondition) && precondition != current.GetResourceVersion())
            {
                throw ApiErrors.Conflict(type, request.Name!);
            }
            var prepared = PrepareUpdate(context, request, current, updated, options, recordUpdate);
            var cancellationToken = context?.RequestAborted ?? CancellationToken.None;
            if (prepared is null) return current;
            if (options.DryRun) return prepared;
            try
            {
                var finished = DeletionComplete(type, prepared);
                JsonObject stored;
                if (finished)
                {
                    stored = await registry.DeleteAsync(type, request.Namespace, request.Name!, revision, cancellationToken);
                    events.Committed(type, current, null);
                }
                else
                {
                    stored = await registry.UpdateAsync(type, prepared, revision, cancellationToken);
                    events.Committed(type, current, stored);
                }
                return AsServed(type, stored);
            }
            catch (RevisionConflictException) when (string.IsNullOrEmpty(precondition) && attempt < 20)
            {
                // Someone wrote in between; recompute from the new state like the apiserver's GuaranteedUpdate.
            }
            catch (RevisionConflictException)
            {
                throw ApiErrors.Conflict(type, request.Name!);
            }
            catch (KeyNotFoundException)
            {
                throw ApiErrors.NotFound(type, request.Name!);
            }
        }
    }

    /// <summary>Turns a client's new state into what is stored; null when nothing changes.</summary>
    private JsonObject? PrepareUpdate(HttpContext? context, ResourceRequest request, JsonObject current, JsonObject updated, WriteOptions options, bool recordUpdate)
    {
        var type = request.Type;
        JsonObject next;
        if (request.Subresource == "status")
        {
            // Only status changes through /status.
            next = (JsonObject)current.DeepClone();
            if (updated["status"] is { } status) next["status"] = status.DeepClone();
            else next.Remove("status");
        }
        else
        {
            next = updated;
            CarrySystemMetadata(current, next);
            if (type.HasStatus && request.Subresource is null && !(type.Group.Length == 0 && type.Plural is "nodes" or "persistentvolumes"))
            {
                if (current["status"] is { } status) next["status"] = status.DeepClone();
                else next.Remove("status");
            }
            if (current.GetPath("metadata", "deletionTimestamp") is not null)
            {
                RejectNewFinalizers(type, current, next);
            }
            if (type.Group.Length == 0 && type.Plural == "services") CarryServiceAllocations(current, next);
        }
        next.SetResourceVersion(current.GetResourceVersion());
        Admit(context, type, current, next, options, recordUpdate);
        PrepareCustomResourceDefinition(type, next);
        return IsNoop(current, next) ? null : next;
    }

    /// <summary>
    /// As the apiserver's Service update strategy: a replacement that leaves out the allocated cluster IP or node ports
    /// keeps the ones already allocated instead of asking for new ones.
    /// </summary>
    private static void CarryServiceAllocations(JsonObject current, JsonObject next)
    {
        if (current["spec"] is not JsonObject oldSpec || next["spec"] is not JsonObject newSpec) return;
        if (string.IsNullOrEmpty(newSpec.GetString("clusterIP")) && oldSpec["clusterIP"] is { } ip)
        {
            newSpec["clusterIP"] = ip.DeepClone();
            if (newSpec["clusterIPs"] is null && oldSpec["clusterIPs"] is { } ips) newSpec["clusterIPs"] = ips.DeepClone();
        }
        if (newSpec["ports"] is not JsonArray newPorts || oldSpec["ports"] is not JsonArray oldPorts) return;
        foreach (var port in newPorts.OfType<JsonObject>())
        {
            if (port["nodePort"] is not null) continue;
            var match = oldPorts.OfType<JsonObject>().FirstOrDefault(o =>
                JsonNode.DeepEquals(o["port"], port["port"]) && (o.GetString("protocol") ?? "TCP") == (port.GetString("protocol") ?? "TCP"));
            if (newSpec.GetString("type") is "NodePort" or "LoadBalancer" && match?["nodePort"] is { } nodePort) port["nodePort"] = nodePort.DeepClone();
        }
    }

    private static void RejectNewFinalizers(ResourceType type, JsonObject current, JsonObject next)
    {
        var before = current.GetPath("metadata", "finalizers") as JsonArray;
        var after = next.GetPath("metadata", "finalizers") as JsonArray;
        if (after is null) return;
        var known = before?.Select(f => f?.ToString()).ToHashSet() ?? [];
        var added = after.Select(f => f?.ToString()).Where(f => !known.Contains(f)).ToList();
        if (added.Count > 0)
        {
            throw ApiErrors.Forbidden(type, next.GetName() ?? "", $"no new finalizers can be added if the object is being deleted, found new finalizers [{string.Join(" ", added)}]");
        }
    }

    private static bool HasFinalizers(ResourceType type, JsonObject obj)
    {
        if (obj.GetPath("metadata", "finalizers") is JsonArray { Count: > 0 }) return true;
        return type.Group.Length == 0 && type.Plural == "namespaces" && obj.GetPath("spec", "finalizers") is JsonArray { Count: > 0 };
    }
}
