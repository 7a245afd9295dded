using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Resources;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Server.Applications;

/// <summary>
/// Operations on an Application besides a plain sync: a rollback (a sync to a history entry's revision and source)
/// and terminating the operation that runs. Both are requests to the engine written on the Application, checked as
/// <c>sync</c> (a rollback as <c>rollback</c> when <c>server.rbac.rollback.enforce.enable</c> says so).
/// </summary>
public static class ApplicationOperationEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/applications").RequireCaller();
        group.MapPost("/{name}/rollback", RollbackAsync);
        group.MapDelete("/{name}/operation", TerminateAsync);
    }

    /// <summary>POST /api/v1/applications/{name}/rollback: body <c>{id, dryRun, prune}</c>; answers the Application with its operation set.</summary>
    private static async Task<IResult> RollbackAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (app, denied) = ApplicationEndpoints.Authorize(context, cache, rbac, options, name, rbac.Enforcer.Options.RollbackAction);
        if (app is null) return denied!;
        var (request, error) = await RequestBody.ReadObjectAsync(context);
        if (request is null) return error!;
        if (!RequestBody.TryInt64(request["id"], out var id)) return ArgoError.InvalidArgument("id: required, the id of a history entry (a number)");
        if (!RequestBody.TryBool(request, "dryRun", out var dryRun) || !RequestBody.TryBool(request, "prune", out var prune))
            return ArgoError.InvalidArgument("dryRun and prune must be true or false");

        var obj = app.Object;
        if (obj.GetPath("metadata", "deletionTimestamp") is not null) return ArgoError.Result(GrpcCode.FailedPrecondition, "application is deleting");
        if (obj.GetPath("spec", "syncPolicy", "automated") is JsonObject automated && automated["enabled"]?.GetValue<bool>() != false)
            return ArgoError.Result(GrpcCode.FailedPrecondition, "rollback cannot be initiated when auto-sync is enabled");
        var history = (obj.GetPath("status", "history") as JsonArray ?? []).OfType<JsonObject>().ToList();
        var entry = history.FirstOrDefault(h => RequestBody.TryInt64(h["id"], out var hid) && hid == id);
        if (entry is null)
        {
            var ids = history.Count == 0 ? "none" : string.Join(", ", history.Select(h => h["id"]?.ToJsonString()));
            return ArgoError.InvalidArgument($"application {app.Namespace}/{app.Name} does not have deployment with id {id} (its history ids: {ids})");
        }
        if (entry["source"] is not JsonObject source)
            return ArgoError.Result(GrpcCode.FailedPrecondition, "cannot rollback to revision deployed with Argo CD v0.11 or lower. sync to revision instead.");
        if (InProgress(obj)) return ArgoError.Result(GrpcCode.FailedPrecondition, "another operation is already in progress");

        var sync = new JsonObject
        {
            ["revision"] = entry["revision"]?.DeepClone(),
            ["dryRun"] = dryRun,
            ["prune"] = prune,
            ["syncStrategy"] = new JsonObject { ["apply"] = new JsonObject() },
            ["source"] = source.DeepClone(),
        };
        if (obj.GetPath("spec", "syncPolicy", "syncOptions") is JsonArray { Count: > 0 } syncOptions) sync["syncOptions"] = syncOptions.DeepClone();
        var operation = new JsonObject { ["sync"] = sync, ["initiatedBy"] = new JsonObject { ["username"] = context.Caller().Subject } };
        var type = (await control.FindAsync("argoproj.io/v1alpha1", "Application", context.RequestAborted))!;
        try
        {
            var updated = await control.MergePatchAsync(type, app.Namespace, app.Name, new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = app.ResourceVersion },
                ["operation"] = operation,
            }, cancellationToken: context.RequestAborted);
            return ApplicationEndpoints.Json(CachedApplication.Of(updated).Json);
        }
        catch (KubeApiException ex) when (ex.IsConflict)
        {
            // Changed since it was read (the engine may have started an operation): let the caller look again.
            return ArgoError.Result(GrpcCode.FailedPrecondition, "another operation is already in progress");
        }
    }

    /// <summary>
    /// DELETE /api/v1/applications/{name}/operation: sets <c>status.operationState.phase</c> to Terminating, as Argo CD
    /// does; the engine then stops the sync, deletes the hooks still running and finishes it as Failed ("Operation terminated").
    /// </summary>
    private static async Task<IResult> TerminateAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (app, denied) = ApplicationEndpoints.Authorize(context, cache, rbac, options, name, RbacAction.Sync);
        if (app is null) return denied!;
        var type = (await control.FindAsync("argoproj.io/v1alpha1", "Application", context.RequestAborted))!;
        var current = app.Object;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            // Argo CD's controller writes an automated sync into the operation field; Keelson's engine runs it without one,
            // so a Running operation state is an operation in progress too.
            if (!InProgress(current) || current.GetPath("status", "operationState") is not JsonObject)
                return ArgoError.InvalidArgument("Unable to terminate operation. No operation is in progress");
            try
            {
                await control.MergePatchAsync(type, app.Namespace, app.Name, new JsonObject
                {
                    ["metadata"] = new JsonObject { ["resourceVersion"] = current.GetResourceVersion() },
                    ["status"] = new JsonObject { ["operationState"] = new JsonObject { ["phase"] = "Terminating" } },
                }, cancellationToken: context.RequestAborted);
                return ApplicationEndpoints.Json(new JsonObject());
            }
            catch (KubeApiException ex) when (ex.IsConflict)
            {
                current = await control.GetAsync(type, app.Namespace, app.Name, context.RequestAborted)
                    ?? throw new KubeApiException(System.Net.HttpStatusCode.NotFound, "NotFound", $"applications.argoproj.io \"{app.Name}\" not found");
            }
        }
        return ArgoError.Result(GrpcCode.Internal, "Failed to terminate app. Too many conflicts");
    }

    private static bool InProgress(JsonObject app) =>
        app["operation"] is not null || app.GetPath("status", "operationState", "phase")?.ToString() is "Running" or "Terminating";
}
