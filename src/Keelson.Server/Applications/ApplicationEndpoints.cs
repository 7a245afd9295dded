using System.Text;
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
/// <c>/api/v1/applications</c>: Argo CD's ApplicationService over the server's <see cref="ApplicationCache"/>; reads
/// come from the cache, writes go to the control cluster (the engine acts on them as on any other change).
/// </summary>
public static partial class ApplicationEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/applications").RequireCaller();
        group.MapGet("", ListAsync);
        group.MapGet("/{name}", GetAsync);
        group.MapPost("", CreateAsync);
        group.MapDelete("/{name}", DeleteAsync);
        group.MapPost("/{name}/sync", SyncAsync);
        group.MapGet("/{name}/resource-tree", ResourceTreeAsync);
    }

    /// <summary>GET /api/v1/applications: the Applications the caller may get, by name, filtered as the query says.</summary>
    private static async Task ListAsync(HttpContext context, ApplicationCache cache, RbacService rbac, ServerOptions options)
    {
        var (query, error) = ApplicationQuery.From(context.Request.Query);
        if (query is null)
        {
            await ArgoError.WriteAsync(context, GrpcCode.InvalidArgument, error!);
            return;
        }
        var claims = context.Caller();
        var enforcer = rbac.Enforcer;
        var items = cache.List().Where(a => query.Matches(a) && CanGet(enforcer, claims, a, options)).ToList();
        context.Response.ContentType = "application/json";
        var body = context.Response.BodyWriter;
        // Written item by item: 1,000 Applications are already JSON in the cache.
        var head = new JsonObject { ["resourceVersion"] = cache.ResourceVersion }.ToJsonString();
        await body.WriteAsync(Encoding.UTF8.GetBytes($"{{\"metadata\":{head},\"items\":["), context.RequestAborted);
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) await body.WriteAsync(","u8.ToArray(), context.RequestAborted);
            var json = query.Fields is null ? items[i].Json : Encoding.UTF8.GetBytes(query.Fields.Project(items[i].Object).ToJsonString());
            await body.WriteAsync(json, context.RequestAborted);
        }
        await body.WriteAsync("]}"u8.ToArray(), context.RequestAborted);
    }

    /// <summary>GET /api/v1/applications/{name}: one Application; <c>refresh=normal|hard</c> waits for the reconcile it asks for.</summary>
    private static async Task<IResult> GetAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (app, denied) = Authorize(context, cache, rbac, options, name, RbacAction.Get);
        if (app is null) return denied!;
        var refresh = context.Request.Query["refresh"].ToString();
        if (refresh.Length == 0) return Json(app.Json);
        if (refresh is not ("normal" or "hard")) return ArgoError.InvalidArgument($"invalid refresh type '{refresh}': normal or hard");
        var refreshed = await RefreshAsync(control, cache, options, app, refresh, context.RequestAborted);
        return Json(refreshed.Json);
    }

    /// <summary>GET /api/v1/applications/{name}/resource-tree: the managed objects and what they own, read live.</summary>
    private static async Task<IResult> ResourceTreeAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control,
        Keelson.Engine.Customizations.ResourceCustomizationsSource settings)
    {
        var (app, denied) = Authorize(context, cache, rbac, options, name, RbacAction.Get);
        if (app is null) return denied!;
        var customizations = await settings.ReadAsync(control, options.ControlNamespace, context.RequestAborted);
        return Json(await ResourceTree.BuildAsync(app.Object, control, context.RequestAborted, customizations));
    }

    /// <summary>
    /// Finds an Application and checks the caller may do <paramref name="action"/> to it. As in Argo CD, an Application
    /// that does not exist is a 403 — so that its existence is not told — unless the query names a project.
    /// </summary>
    internal static (CachedApplication? App, IResult? Error) Authorize(HttpContext context, ApplicationCache cache, RbacService rbac, ServerOptions options,
        string name, RbacAction action) =>
        Authorize(context, cache, rbac, options, name, action, (enforcer, claims, obj) => enforcer.EnforceClaims(claims, RbacRequest.Application(action, obj)));

    /// <summary>
    /// <see cref="Authorize(HttpContext, ApplicationCache, RbacService, ServerOptions, string, RbacAction)"/> with the
    /// question asked by <paramref name="decide"/> (given the Application's RBAC object): a resource's
    /// <c>update/…</c>, <c>delete/…</c> or <c>action/…</c>. <paramref name="action"/> is what an unknown Application is checked as.
    /// </summary>
    internal static (CachedApplication? App, IResult? Error) Authorize(HttpContext context, ApplicationCache cache, RbacService rbac, ServerOptions options,
        string name, RbacAction action, Func<RbacEnforcer, RbacClaims, string, RbacDecision> decide)
    {
        if (!IsName(name)) return (null, ArgoError.InvalidArgument(NotAName(name)));
        var claims = context.Caller();
        var project = context.Request.Query["project"].ToString();
        var app = cache.Get(name);
        if (app is null || (project.Length > 0 && app.Project != project))
        {
            if (project.Length == 0) return (null, ArgoError.PermissionDenied());
            var wanted = RbacRequest.Application(action, RbacRequest.ApplicationObject(project, name));
            var allowed = rbac.Enforcer.EnforceClaims(claims, wanted);
            return (null, allowed.Allowed
                ? ArgoError.NotFound($"applications.argoproj.io \"{name}\" not found")
                : ArgoError.PermissionDenied(Denied(allowed)));
        }
        var decision = decide(rbac.Enforcer, claims, ObjectOf(app, options));
        return decision.Allowed ? (app, null) : (null, ArgoError.PermissionDenied(Denied(decision)));
    }

    internal static string ObjectOf(CachedApplication app, ServerOptions options) =>
        RbacRequest.ApplicationObject(app.Project, app.Name, app.Namespace, options.ControlNamespace);

    private static bool CanGet(RbacEnforcer enforcer, RbacClaims claims, CachedApplication app, ServerOptions options) =>
        enforcer.EnforceClaims(claims, RbacRequest.Application(RbacAction.Get, ObjectOf(app, options))).Allowed;

    internal static string Denied(RbacDecision decision) => decision.DenialMessage ?? "permission denied";

    internal static IResult Json(byte[] json) => Results.Bytes(json, "application/json");

    internal static IResult Json(JsonNode json) => Results.Content(json.ToJsonString(), "application/json");

    /// <summary>Asks the engine to refresh (annotation <c>argocd.argoproj.io/refresh</c>) and waits until it has (the engine removes the annotation).</summary>
    internal static async Task<CachedApplication> RefreshAsync(KubeClient control, ApplicationCache cache, ServerOptions options, CachedApplication app, string mode,
        CancellationToken cancellationToken)
    {
        var type = (await control.FindAsync("argoproj.io/v1alpha1", "Application", cancellationToken))!;
        var patched = await control.MergePatchAsync(type, app.Namespace, app.Name, new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RefreshAnnotation] = mode } },
        }, cancellationToken: cancellationToken);
        var patchedVersion = long.TryParse(patched["metadata"]?["resourceVersion"]?.ToString(), out var v) ? v : 0;
        var done = await cache.WaitAsync(app.Name, a =>
            long.TryParse(a.ResourceVersion, out var rv) && rv > patchedVersion && a.Object.GetPath("metadata", "annotations", RefreshAnnotation) is null,
            options.RefreshTimeout, cancellationToken);
        return done ?? app;
    }

    private const string RefreshAnnotation = "argocd.argoproj.io/refresh";
}
