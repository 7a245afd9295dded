using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Resources;
using Keelson.Resources.FieldManagement;
using Keelson.Resources.Patching;
using Microsoft.AspNetCore.Http;

namespace Keelson.Cluster.Api;

internal sealed partial class ResourceHandler
{
    private async Task PatchAsync(HttpContext context, ResourceRequest request)
    {
        RequireNamespace(request);
        var mediaType = MediaTypes.Essence(context.Request.ContentType);
        var isApply = mediaType == MediaTypes.ApplyPatch;
        if (mediaType is not (MediaTypes.JsonPatch or MediaTypes.MergePatch or MediaTypes.StrategicMergePatch or MediaTypes.ApplyPatch))
        {
            throw ApiErrors.UnsupportedMediaType(context.Request.ContentType ?? "");
        }
        var meta = PatchMeta.ForKind(request.Type.Gvk);
        if (mediaType == MediaTypes.StrategicMergePatch && (request.Type.IsCustom || meta is null))
        {
            throw new ApiException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        }
        var options = WriteOptions.From(context.Request, isApply);
        var patch = RequestBody.Decode(await RequestBody.ReadAsync(context.Request, context.RequestAborted), mediaType);
        if (mediaType == MediaTypes.JsonPatch ? patch is not JsonArray : patch is not JsonObject)
        {
            throw ApiErrors.BadRequest(mediaType == MediaTypes.JsonPatch ? "json patch must be an array of operations" : "patch must be a JSON object");
        }

        JsonObject result;
        var status = 200;
        if (isApply)
        {
            (result, var created) = await ApplyAsync(context, request, (JsonObject)patch!, options, meta);
            if (created) status = 201;
        }
        else
        {
            result = await WriteWithRetryAsync(context, request, options, recordUpdate: true, (current, _) =>
            {
                var target = request.Subresource == "scale" ? ScaleOf(request.Type, current) : current;
                var patched = ApplyPatch(mediaType, target, patch!, request.Subresource == "scale" ? null : meta);
                // Only a resourceVersion the patch itself carries is a precondition; otherwise a concurrent write
                // (a controller's) is retried on the new state, as the apiserver's GuaranteedUpdate does.
                if ((patch as JsonObject)?.GetPath("metadata", "resourceVersion") is null) patched.SetResourceVersion(null);
                if (request.Subresource == "scale") return ApplyScale(request.Type, current, patched);
                CheckIdentity(request, patched);
                return patched;
            });
        }
        await WriteJsonAsync(context, status, request.Subresource == "scale" ? ScaleOf(request.Type, result) : result);
    }

    private static JsonObject ApplyPatch(string mediaType, JsonObject target, JsonNode patch, PatchMeta? meta)
    {
        try
        {
            var result = mediaType switch
            {
                MediaTypes.JsonPatch => JsonPatch.Apply(target, patch),
                MediaTypes.MergePatch => MergePatch.Apply(target, patch),
                _ => StrategicMergePatch.Apply(target, (JsonObject)patch, meta),
            };
            return result as JsonObject ?? throw ApiErrors.BadRequest("the patch turned the object into something that is not an object");
        }
        catch (PatchException ex)
        {
            throw new ApiException(422, "Invalid", ex.Message);
        }
    }

    /// <summary>Server-side apply: creates the object when absent, otherwise merges the configuration with field ownership.</summary>
    private async Task<(JsonObject Result, bool Created)> ApplyAsync(HttpContext context, ResourceRequest request, JsonObject config, WriteOptions options, PatchMeta? meta)
    {
        if (request.Subresource is "scale") throw ApiErrors.BadRequest("apply is not supported on the scale subresource");
        CheckIdentity(request, config);
        RejectUndecodable(request.Type, config);
        var now = time.GetUtcNow();
        if (request.Subresource is null && registry.Get(request.Type, request.Namespace, request.Name!) is null)
        {
            var outcome = ServerSideApply.Apply(null, config, options.FieldManager, options.Force, meta, now);
            if (outcome.HasConflicts) throw ApiErrors.ApplyConflict(request.Type, request.Name!, outcome.Conflicts);
            try
            {
                var created = await CreateObjectAsync(context, request.Type, outcome.Object!, options, recordUpdate: false, context.RequestAborted);
                return (created, true);
            }
            catch (ApiException ex) when (ex.Reason == "AlreadyExists")
            {
                // Created concurrently: fall through to an update.
            }
        }
        var updated = await WriteWithRetryAsync(context, request, options, recordUpdate: false, (current, _) =>
        {
            var outcome = ServerSideApply.Apply(current, config, options.FieldManager, options.Force, meta, now);
            if (outcome.HasConflicts) throw ApiErrors.ApplyConflict(request.Type, request.Name!, outcome.Conflicts);
            // As for patches: only a resourceVersion in the applied configuration is a precondition.
            if (config.GetPath("metadata", "resourceVersion") is null) outcome.Object!.SetResourceVersion(null);
            return outcome.Object!;
        });
        return (updated, false);
    }
}
