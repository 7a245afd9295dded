using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Storage;
using Keelson.Resources;
using Microsoft.AspNetCore.Http;

namespace Keelson.Cluster.Api;

internal sealed partial class ResourceHandler
{
    private sealed record DeleteOptions(string Propagation, string? PreconditionUid, string? PreconditionResourceVersion, bool DryRun, long? GracePeriodSeconds = null);

    private async Task DeleteAsync(HttpContext context, ResourceRequest request)
    {
        RequireNamespace(request);
        if (request.Subresource is not null) throw ApiErrors.MethodNotAllowed("delete is not allowed on a subresource");
        var options = await ReadDeleteOptionsAsync(context);
        var (result, finished) = await DeleteObjectAsync(request.Type, request.Namespace, request.Name!, options, context.RequestAborted);
        // A pod terminating gracefully answers 200 as the apiserver does; 202 is for deletions held by finalizers.
        await WriteJsonAsync(context, finished || !HasFinalizers(request.Type, result) ? 200 : 202, result);
    }

    private async Task DeleteCollectionAsync(HttpContext context, ResourceRequest request)
    {
        var options = await ReadDeleteOptionsAsync(context);
        var (labels, fields) = Selectors(context.Request, request.Type);
        var (items, revision) = registry.List(request.Type, request.Namespace);
        var deleted = new JsonArray();
        foreach (var item in items.Where(o => Matches(request.Type, o, labels, fields)))
        {
            try
            {
                var (result, _) = await DeleteObjectAsync(request.Type, item.GetNamespace(), item.GetName()!, options, context.RequestAborted);
                deleted.Add(result);
            }
            catch (ApiException ex) when (ex.Code == 404)
            {
                // Gone meanwhile.
            }
        }
        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["kind"] = request.Type.ListKind,
            ["apiVersion"] = request.Type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = deleted,
        });
    }

    /// <summary>
    /// Deletes an object, or marks it for deletion when finalizers (its own, or those the propagation policy adds)
    /// must run first. Returns the object and whether it is gone.
    /// </summary>
    internal async Task<(JsonObject Object, bool Finished)> DeleteObjectAsync(ResourceType type, string? ns, string name, DeleteOptionsInput input, CancellationToken cancellationToken)
        => await DeleteObjectAsync(type, ns, name, new DeleteOptions(input.Propagation, input.PreconditionUid, null, false, input.GracePeriodSeconds), cancellationToken);

    private async Task<(JsonObject Object, bool Finished)> DeleteObjectAsync(ResourceType type, string? ns, string name, DeleteOptions options, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var found = registry.GetWithRevision(type, ns, name) ?? throw ApiErrors.NotFound(type, name);
            var (current, revision) = found;
            AsServed(type, current);
            if (options.PreconditionUid is not null && options.PreconditionUid != current.GetUid())
            {
                throw ApiErrors.ConflictWithMessage(type, name, $"Precondition failed: UID in precondition: {options.PreconditionUid}, UID in object meta: {current.GetUid()}");
            }
            if (options.PreconditionResourceVersion is not null && options.PreconditionResourceVersion != current.GetResourceVersion())
            {
                throw ApiErrors.ConflictWithMessage(type, name, $"Precondition failed: ResourceVersion in precondition: {options.PreconditionResourceVersion}, ResourceVersion in object meta: {current.GetResourceVersion()}");
            }

            var marked = (JsonObject)current.DeepClone();
            var isNamespace = type.Group.Length == 0 && type.Plural == "namespaces";
            if (options.Propagation == "Foreground") AddFinalizer(marked, "foregroundDeletion");
            if (options.Propagation == "Orphan") AddFinalizer(marked, "orphan");
            if (isNamespace) marked.EnsureObject("status")["phase"] = "Terminating";

            if (GracePeriod(type, current, options.GracePeriodSeconds) is > 0 and var grace)
            {
                // A pod running on a node terminates gracefully: it is marked and its kubelet removes it once its
                // containers stopped. A second delete may shorten the grace period, never extend it.
                var existing = JsonNumbers.Long(current.GetPath("metadata", "deletionGracePeriodSeconds"));
                if (current.GetPath("metadata", "deletionTimestamp") is null || existing is null || grace < existing)
                {
                    marked.Metadata()["deletionTimestamp"] = KubeTime.Format(time.GetUtcNow().AddSeconds(grace));
                    marked.Metadata()["deletionGracePeriodSeconds"] = grace;
                }
                if (options.DryRun || JsonNode.DeepEquals(marked, current)) return (current, false);
                try
                {
                    var stored = AsServed(type, await registry.UpdateAsync(type, marked, revision, cancellationToken));
                    events.Committed(type, current, stored);
                    return (stored, false);
                }
                catch (RevisionConflictException) when (attempt < 20)
                {
                    continue;
                }
                catch (KeyNotFoundException)
                {
                    // Removed meanwhile (a kubelet finishing the pod, a finalizer removed): as absent as can be.
                    throw ApiErrors.NotFound(type, name);
                }
            }

            if (HasFinalizers(type, marked))
            {
                if (current.GetPath("metadata", "deletionTimestamp") is null)
                {
                    marked.Metadata()["deletionTimestamp"] = Now();
                    marked.Metadata()["deletionGracePeriodSeconds"] = 0;
                }
                else if (JsonNumbers.Long(current.GetPath("metadata", "deletionGracePeriodSeconds")) is not (null or 0))
                {
                    // Grace is over (the kubelet's final delete): the finalizers alone hold the object now.
                    marked.Metadata()["deletionGracePeriodSeconds"] = 0;
                }
                if (options.DryRun || JsonNode.DeepEquals(marked, current)) return (current, false);
                try
                {
                    var stored = AsServed(type, await registry.UpdateAsync(type, marked, revision, cancellationToken));
                    events.Committed(type, current, stored);
                    return (stored, false);
                }
                catch (RevisionConflictException) when (attempt < 20)
                {
                    continue;
                }
                catch (KeyNotFoundException)
                {
                    // Removed meanwhile (a kubelet finishing the pod, a finalizer removed): as absent as can be.
                    throw ApiErrors.NotFound(type, name);
                }
            }

            if (options.DryRun) return (current, true);
            try
            {
                var deleted = AsServed(type, await registry.DeleteAsync(type, ns, name, revision, cancellationToken));
                events.Committed(type, current, null);
                return (deleted, true);
            }
            catch (RevisionConflictException) when (attempt < 20)
            {
                // Changed meanwhile: decide again on the new state.
            }
            catch (KeyNotFoundException)
            {
                throw ApiErrors.NotFound(type, name);
            }
        }
    }

    /// <summary>
    /// The grace period a delete gives an object: only a pod bound to an existing node that has not finished gets one
    /// (the requested one, else spec.terminationGracePeriodSeconds); everything else goes at once (0).
    /// </summary>
    private long GracePeriod(ResourceType type, JsonObject current, long? requested)
    {
        if (type.Group.Length != 0 || type.Plural != "pods") return 0;
        if (current.GetPath("status", "phase")?.ToString() is "Succeeded" or "Failed") return 0;
        if (current.GetPath("spec", "nodeName")?.ToString() is not { Length: > 0 } nodeName) return 0;
        var nodes = catalog.Find("", "v1", "nodes");
        if (nodes is null || registry.Get(nodes, null, nodeName) is null) return 0;
        var grace = requested ?? JsonNumbers.Long(current.GetPath("spec", "terminationGracePeriodSeconds")) ?? 30;
        return Math.Max(grace, 0);
    }

    /// <summary>
    /// Whether an object marked for deletion can now be removed from storage: no finalizers are left and no grace period
    /// is running (a gracefully terminating pod goes when its kubelet deletes it with grace period 0).
    /// </summary>
    internal static bool DeletionComplete(ResourceType type, JsonObject obj) =>
        obj.GetPath("metadata", "deletionTimestamp") is not null
        && !HasFinalizers(type, obj)
        && JsonNumbers.Long(obj.GetPath("metadata", "deletionGracePeriodSeconds")) is null or 0;

    private static void AddFinalizer(JsonObject obj, string finalizer)
    {
        var meta = obj.Metadata();
        if (meta["finalizers"] is not JsonArray list)
        {
            list = [];
            meta["finalizers"] = list;
        }
        if (!list.Any(f => f?.ToString() == finalizer)) list.Add(finalizer);
    }

    private static void CheckDeleteOptionTypes(JsonObject options)
    {
        static bool Is(JsonNode? node, System.Text.Json.JsonValueKind kind) => node is null || (node is JsonValue v && v.GetValueKind() == kind);
        if (!Is(options["propagationPolicy"], System.Text.Json.JsonValueKind.String)
            || !Is(options["gracePeriodSeconds"], System.Text.Json.JsonValueKind.Number)
            || options["preconditions"] is not (null or JsonObject)
            || options["dryRun"] is not (null or JsonArray))
        {
            throw ApiErrors.BadRequest("DeleteOptions in version \"v1\" cannot be handled as a DeleteOptions: a field has the wrong type");
        }
    }

    private static async Task<DeleteOptions> ReadDeleteOptionsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var propagation = query["propagationPolicy"].ToString();
        var dryRun = query["dryRun"].ToString();
        string? uid = null, rv = null;
        long? grace = long.TryParse(query["gracePeriodSeconds"].ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var g) ? g : null;
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        if (body.Length > 0)
        {
            if (RequestBody.Decode(body, MediaTypes.Essence(context.Request.ContentType)) is not JsonObject options)
            {
                throw ApiErrors.BadRequest("DeleteOptions must be a JSON object");
            }
            CheckDeleteOptionTypes(options);
            {
                if (options.GetString("propagationPolicy") is { } p) propagation = p;
                if (JsonNumbers.Long(options["gracePeriodSeconds"]) is { } bodyGrace) grace = bodyGrace;
                if (options["dryRun"] is JsonArray modes && modes.Count > 0) dryRun = modes[0]?.ToString() ?? "";
                if (options["orphanDependents"] is JsonValue orphan && orphan.TryGetValue<bool>(out var o) && propagation.Length == 0)
                {
                    propagation = o ? "Orphan" : "Background";
                }
                if (options["preconditions"] is JsonObject pre)
                {
                    uid = pre.GetString("uid");
                    rv = pre.GetString("resourceVersion");
                }
            }
        }
        if (propagation.Length == 0) propagation = "Background";
        if (propagation is not ("Background" or "Foreground" or "Orphan"))
        {
            throw new ApiException(422, "Invalid", $"DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"{propagation}\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        }
        if (dryRun.Length > 0 && dryRun != "All") throw ApiErrors.BadRequest($"Invalid dry run value: {dryRun}: valid values are: All");
        return new DeleteOptions(propagation, uid, rv, dryRun == "All", grace);
    }
}

/// <summary>What an in-server caller (a controller) asks of a delete.</summary>
internal sealed record DeleteOptionsInput(string Propagation, long? GracePeriodSeconds = null, string? PreconditionUid = null);
