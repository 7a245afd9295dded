using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Resources;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Applications;

public static partial class ApplicationEndpoints
{
    private const string Finalizer = "resources-finalizer.argocd.argoproj.io";
    private const string BackgroundFinalizer = "resources-finalizer.argocd.argoproj.io/background";

    /// <summary>
    /// POST /api/v1/applications: creates an Application (the body is the Application). One that exists with the same
    /// spec is answered as it is; with another spec only <c>upsert=true</c> replaces it.
    /// </summary>
    private static async Task<IResult> CreateAsync(HttpContext context, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (body, error) = await RequestBody.ReadObjectAsync(context);
        if (body is null) return error!;
        var name = body.GetName();
        if (string.IsNullOrEmpty(name)) return ArgoError.InvalidArgument("application.metadata.name: a name is required");
        if (!IsName(name)) return ArgoError.InvalidArgument("application.metadata.name: " + NotAName(name));
        if (body["spec"] is not JsonObject spec) return ArgoError.InvalidArgument("application.spec: required");
        var project = spec["project"]?.ToString() is { Length: > 0 } p ? p : "default";
        var claims = context.Caller();
        var decision = rbac.Enforcer.EnforceClaims(claims, RbacRequest.Application(RbacAction.Create, RbacRequest.ApplicationObject(project, name)));
        if (!decision.Allowed) return ArgoError.PermissionDenied(Denied(decision));
        var upsert = Flag(context, "upsert");
        if (cache.Get(name) is { } existing)
        {
            if (JsonNode.DeepEquals(existing.Object["spec"], spec)) return Json(existing.Json);
            if (!upsert) return ArgoError.InvalidArgument("existing application spec is different, use upsert flag to force update");
            var update = rbac.Enforcer.EnforceClaims(claims, RbacRequest.Application(RbacAction.Update, ObjectOf(existing, options)));
            if (!update.Allowed) return ArgoError.PermissionDenied(Denied(update));
        }
        var type = (await control.FindAsync("argoproj.io/v1alpha1", "Application", context.RequestAborted))!;
        body["apiVersion"] = "argoproj.io/v1alpha1";
        body["kind"] = "Application";
        var metadata = body.Metadata();
        metadata["namespace"] = options.ControlNamespace;
        metadata.Remove("resourceVersion");
        body.Remove("status");
        try
        {
            var stored = await control.ApplyAsync(type, body, "argocd-server", force: true, cancellationToken: context.RequestAborted);
            return Json(CachedApplication.Of(stored).Json);
        }
        catch (KubeApiException ex) when ((int)ex.Code is 400 or 422)
        {
            return ArgoError.InvalidArgument($"application spec for {name} is invalid: {ex.Message}");
        }
    }

    /// <summary>
    /// DELETE /api/v1/applications/{name}: deletes an Application; with <c>cascade</c> (the default) its resources go
    /// too (in the foreground, or as <c>propagationPolicy</c> says), without it they stay.
    /// </summary>
    private static async Task<IResult> DeleteAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (app, denied) = Authorize(context, cache, rbac, options, name, RbacAction.Delete);
        if (app is null) return denied!;
        var cascadeText = context.Request.Query["cascade"].ToString();
        var policy = context.Request.Query["propagationPolicy"].ToString().ToLowerInvariant();
        var cascade = cascadeText.Length == 0 || bool.TryParse(cascadeText, out var c) && c;
        if (!cascade && policy.Length > 0) return ArgoError.InvalidArgument("cannot set propagation policy when cascading is disabled");
        if (policy.Length > 0 && policy is not ("foreground" or "background")) return ArgoError.InvalidArgument($"invalid propagation policy: {policy}");
        var type = (await control.FindAsync("argoproj.io/v1alpha1", "Application", context.RequestAborted))!;
        var finalizers = (app.Object.GetPath("metadata", "finalizers") as JsonArray ?? []).Select(f => f?.ToString()).OfType<string>()
            .Where(f => f is not (Finalizer or BackgroundFinalizer)).ToList();
        if (cascade) finalizers.Add(policy == "background" ? BackgroundFinalizer : Finalizer);
        await control.MergePatchAsync(type, app.Namespace, app.Name, new JsonObject
        {
            ["metadata"] = new JsonObject { ["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)f).ToArray()) },
        }, cancellationToken: context.RequestAborted);
        await control.DeleteAsync(type, app.Namespace, app.Name, cancellationToken: context.RequestAborted);
        return Json(new JsonObject());
    }

    /// <summary>
    /// POST /api/v1/applications/{name}/sync: asks the engine for a sync (the Application's <c>operation</c>), as Argo CD
    /// does. A revision other than the target, or local manifests, also need <c>override</c>.
    /// </summary>
    private static async Task<IResult> SyncAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (app, denied) = Authorize(context, cache, rbac, options, name, RbacAction.Sync);
        if (app is null) return denied!;
        var (request, error) = await RequestBody.ReadObjectAsync(context, allowEmpty: true);
        if (request is null) return error!;
        if (!RequestBody.TryBool(request, "prune", out var prune)) return RequestBody.WrongType(request, "prune", "a boolean");
        if (!RequestBody.TryBool(request, "dryRun", out var dryRun)) return RequestBody.WrongType(request, "dryRun", "a boolean");
        if (request["revision"] is not (null or JsonValue)) return RequestBody.WrongType(request, "revision", "a string");
        if (request["manifests"] is JsonArray { Count: > 0 }) return ArgoError.Result(GrpcCode.Unimplemented, "syncing to local manifests is not supported by Keelson: commit them to Git");
        var target = app.Object.GetPath("spec", "source", "targetRevision")?.ToString() ?? "HEAD";
        var revision = request["revision"]?.ToString() is { Length: > 0 } r ? r : null;
        var automated = app.Object.GetPath("spec", "syncPolicy", "automated") is JsonObject auto && auto["enabled"]?.GetValue<bool>() != false;
        if (revision is not null && revision != target)
        {
            if (automated) return ArgoError.InvalidArgument($"Cannot sync to {revision}: auto-sync currently set to {target}");
            var overriding = rbac.Enforcer.EnforceClaims(context.Caller(), RbacRequest.Application(RbacAction.Override, ObjectOf(app, options)));
            if (!overriding.Allowed) return ArgoError.PermissionDenied(Denied(overriding));
        }
        if (app.Object["operation"] is not null || app.Object.GetPath("status", "operationState", "phase")?.ToString() is "Running" or "Terminating")
            return ArgoError.Result(GrpcCode.FailedPrecondition, "another operation is already in progress");

        var sync = new JsonObject
        {
            ["revision"] = revision ?? app.Object.GetPath("status", "sync", "revision")?.ToString() ?? target,
            ["prune"] = prune,
            ["dryRun"] = dryRun,
        };
        if (request["strategy"] is JsonObject strategy) sync["syncStrategy"] = strategy.DeepClone();
        if (request["resources"] is JsonArray { Count: > 0 } resources) sync["resources"] = resources.DeepClone();
        if (request.GetPath("syncOptions", "items") is JsonArray { Count: > 0 } items) sync["syncOptions"] = items.DeepClone();
        else if (app.Object.GetPath("spec", "syncPolicy", "syncOptions") is JsonArray { Count: > 0 } specOptions) sync["syncOptions"] = specOptions.DeepClone();
        var operation = new JsonObject
        {
            ["sync"] = sync,
            ["initiatedBy"] = new JsonObject { ["username"] = context.Caller().Subject },
        };
        if (request["retryStrategy"] is JsonObject retry) operation["retry"] = retry.DeepClone();
        else if (app.Object.GetPath("spec", "syncPolicy", "retry") is JsonObject specRetry) operation["retry"] = specRetry.DeepClone();
        var type = (await control.FindAsync("argoproj.io/v1alpha1", "Application", context.RequestAborted))!;
        var updated = await control.MergePatchAsync(type, app.Namespace, app.Name, new JsonObject { ["operation"] = operation }, cancellationToken: context.RequestAborted);
        return Json(CachedApplication.Of(updated).Json);
    }

    private static bool Flag(HttpContext context, string name) => bool.TryParse(context.Request.Query[name].ToString(), out var b) && b;

    internal static bool IsName(string name) => ObjectName.IsValid(name);

    internal static string NotAName(string name) => ObjectName.Rule($"application name \"{name}\"");
}
