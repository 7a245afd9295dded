using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Resources;
using Keelson.Resources.Patching;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Server.Applications;

/// <summary>
/// Changing an Application as Argo CD's Update, UpdateSpec and Patch do: the spec, labels, annotations and finalizers
/// are replaced (status and operation are the engine's and stay as they are), all checked as <c>update</c>.
/// </summary>
public static class ApplicationUpdateEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/applications").RequireCaller();
        group.MapPut("/{name}", UpdateAsync);
        group.MapPut("/{name}/spec", UpdateSpecAsync);
        group.MapPatch("/{name}", PatchAsync);
    }

    /// <summary>PUT /api/v1/applications/{name}: the body is the Application; <c>validate=false</c> skips the destination check.</summary>
    private static async Task<IResult> UpdateAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (app, denied) = ApplicationEndpoints.Authorize(context, cache, rbac, options, name, RbacAction.Update);
        if (app is null) return denied!;
        var (body, error) = await RequestBody.ReadObjectAsync(context);
        if (body is null) return error!;
        var (stored, failed) = await ReplaceAsync(context, control, cache, rbac, options, app, body, Validate(context));
        return stored is null ? failed! : ApplicationEndpoints.Json(stored.Json);
    }

    /// <summary>PUT /api/v1/applications/{name}/spec: the body is the spec; answers the spec as stored.</summary>
    private static async Task<IResult> UpdateSpecAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (app, denied) = ApplicationEndpoints.Authorize(context, cache, rbac, options, name, RbacAction.Update);
        if (app is null) return denied!;
        var (spec, error) = await RequestBody.ReadObjectAsync(context);
        if (spec is null) return error!;
        var desired = app.Copy();
        desired["spec"] = spec;
        var (stored, failed) = await ReplaceAsync(context, control, cache, rbac, options, app, desired, Validate(context));
        return stored is null ? failed! : ApplicationEndpoints.Json(stored.Object["spec"]!);
    }

    /// <summary>
    /// PATCH /api/v1/applications/{name}: body <c>{"patch":"…","patchType":"json"|"merge"}</c>, the patch being a string;
    /// <c>json</c> (RFC 6902, also when no type is given) or <c>merge</c> (RFC 7386) of the Application as it is now.
    /// </summary>
    private static async Task<IResult> PatchAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (app, denied) = ApplicationEndpoints.Authorize(context, cache, rbac, options, name, RbacAction.Get);
        if (app is null) return denied!;
        var update = rbac.Enforcer.EnforceClaims(context.Caller(), RbacRequest.Application(RbacAction.Update, ApplicationEndpoints.ObjectOf(app, options)));
        if (!update.Allowed) return ArgoError.PermissionDenied(ApplicationEndpoints.Denied(update));
        var (request, error) = await RequestBody.ReadObjectAsync(context);
        if (request is null) return error!;
        if (request["name"] is JsonValue bodyName && bodyName.ToString() is { Length: > 0 } n && n != name)
            return ArgoError.InvalidArgument($"name \"{n}\" does not match the application in the path \"{name}\"");
        if (request["patch"] is not JsonValue patchValue || patchValue.GetValueKind() != JsonValueKind.String)
            return ArgoError.InvalidArgument("patch: required, the patch as a JSON string");
        var patchType = request["patchType"]?.ToString() ?? "";
        if (patchType is not ("json" or "" or "merge")) return ArgoError.InvalidArgument($"Patch type '{patchType}' is not supported");
        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(patchValue.GetValue<string>());
        }
        catch (JsonException ex)
        {
            return ArgoError.InvalidArgument($"patch: error decoding {(patchType == "merge" ? "merge" : "json")} patch: {ex.Message}");
        }
        JsonNode? patched;
        try
        {
            patched = patchType switch
            {
                "json" or "" => JsonPatch.Apply(app.Copy(), patch ?? throw new PatchException("json patch must be an array of operations")),
                _ => patch is JsonObject ? MergePatch.Apply(app.Copy(), patch) : throw new PatchException("merge patch must be a JSON object"),
            };
        }
        catch (PatchException ex)
        {
            return ArgoError.InvalidArgument($"patch: error applying patch: {ex.Message}");
        }
        if (patched is not JsonObject desired) return ArgoError.InvalidArgument("patch: the patched application is not a JSON object");
        var (stored, failed) = await ReplaceAsync(context, control, cache, rbac, options, app, desired, validate: true);
        return stored is null ? failed! : ApplicationEndpoints.Json(stored.Json);
    }

    private static bool Validate(HttpContext context) => !bool.TryParse(context.Request.Query["validate"].ToString(), out var v) || v;

    /// <summary>
    /// Stores <paramref name="desired"/>'s spec, labels, annotations and finalizers on the Application (read afresh,
    /// retried on a conflict), after the checks Argo CD makes: the name is the path's, a new project needs
    /// <c>create</c> there and must exist, the destination names a cluster. Waits briefly for the cache to see it.
    /// </summary>
    internal static async Task<(CachedApplication? Stored, IResult? Error)> ReplaceAsync(HttpContext context, KubeClient control, ApplicationCache cache,
        RbacService rbac, ServerOptions options, CachedApplication app, JsonObject desired, bool validate)
    {
        var bodyName = desired.GetName();
        if (string.IsNullOrEmpty(bodyName)) return (null, ArgoError.InvalidArgument("application.metadata.name: resource name may not be empty"));
        if (bodyName != app.Name)
            return (null, ArgoError.InvalidArgument($"application.metadata.name \"{bodyName}\" does not match the application in the path \"{app.Name}\""));
        if (desired["spec"] is not JsonObject spec) return (null, ArgoError.InvalidArgument("application.spec: required, a JSON object"));
        var project = spec["project"]?.ToString() is { Length: > 0 } p ? p : "default";
        var cancellationToken = context.RequestAborted;
        if (project != app.Project)
        {
            var create = rbac.Enforcer.EnforceClaims(context.Caller(), RbacRequest.Application(RbacAction.Create, RbacRequest.ApplicationObject(project, app.Name, app.Namespace, options.ControlNamespace)));
            if (!create.Allowed) return (null, ArgoError.PermissionDenied(ApplicationEndpoints.Denied(create)));
            if (await control.GetAsync("argoproj.io/v1alpha1", "AppProject", options.ControlNamespace, project, cancellationToken) is null)
                return (null, ArgoError.InvalidArgument($"app is not allowed in project \"{project}\", or the project does not exist"));
        }
        var hasDestination = spec.GetPath("destination", "server")?.ToString() is { Length: > 0 } || spec.GetPath("destination", "name")?.ToString() is { Length: > 0 };
        if (validate && !hasDestination)
            return (null, ArgoError.InvalidArgument($"application destination spec for {app.Name} is invalid: a destination server or name is required"));

        var type = (await control.FindAsync("argoproj.io/v1alpha1", "Application", cancellationToken))!;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var current = await control.GetAsync(type, app.Namespace, app.Name, cancellationToken);
            if (current is null) return (null, ArgoError.NotFound($"applications.argoproj.io \"{app.Name}\" not found"));
            current["spec"] = spec.DeepClone();
            var metadata = current.Metadata();
            foreach (var field in new[] { "labels", "annotations", "finalizers" })
            {
                if (desired.GetPath("metadata", field) is { } value) metadata[field] = value.DeepClone();
                else metadata.Remove(field);
            }
            metadata.Remove("managedFields");
            try
            {
                var stored = CachedApplication.Of(await control.ReplaceAsync(type, current, "argocd-server", cancellationToken: cancellationToken));
                // As Argo CD's waitSync: a read right after the write should see it.
                await cache.WaitAsync(app.Name, a => long.TryParse(a.ResourceVersion, out var rv) && long.TryParse(stored.ResourceVersion, out var want) && rv >= want,
                    TimeSpan.FromSeconds(2), cancellationToken);
                return (stored, null);
            }
            catch (KubeApiException ex) when (ex.IsConflict)
            {
            }
            catch (KubeApiException ex) when ((int)ex.Code is 400 or 422)
            {
                return (null, ArgoError.InvalidArgument($"application spec for {app.Name} is invalid: {ex.Message}"));
            }
        }
        return (null, ArgoError.Result(GrpcCode.Internal, "Failed to update application. Too many conflicts"));
    }
}
