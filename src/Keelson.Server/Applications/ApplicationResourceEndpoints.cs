using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Engine.Diff;
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
/// <c>/api/v1/applications/{name}/resource</c>: one object of an Application — read, patched, deleted, or acted on —
/// in the Application's destination cluster. Only objects in the Application's tree (what it manages and what those
/// own) can be reached; Secret values never leave the server.
/// </summary>
public static partial class ApplicationResourceEndpoints
{
    private const string InCluster = "https://kubernetes.default.svc";

    private static readonly Dictionary<string, JsonValueKind> PatchTypes = new(StringComparer.Ordinal)
    {
        ["application/json-patch+json"] = JsonValueKind.Array,
        ["application/merge-patch+json"] = JsonValueKind.Object,
        ["application/strategic-merge-patch+json"] = JsonValueKind.Object,
    };

    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/applications/{name}/resource").RequireCaller();
        group.MapGet("", GetAsync);
        group.MapPost("", PatchAsync);
        group.MapDelete("", DeleteAsync);
        group.MapGet("/actions", ListActionsAsync);
        group.MapPost("/actions", RunActionAsync);
        group.MapPost("/actions/v2", RunActionV2Async);
    }

    /// <summary>GET …/resource: <c>{"manifest":"&lt;the live object as JSON&gt;"}</c>, a Secret's values masked.</summary>
    private static async Task<IResult> GetAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (wanted, invalid) = ResourceRef.From(context.Request.Query);
        if (wanted is null) return invalid!;
        var (app, denied) = ApplicationEndpoints.Authorize(context, cache, rbac, options, name, RbacAction.Get);
        if (app is null) return denied!;
        var (target, missing) = await FindAsync(app, wanted, control, context.RequestAborted);
        return target is null ? missing! : Manifest(target, target.Live);
    }

    /// <summary>
    /// POST …/resource?patchType=…: the body is the patch as a JSON string, in the Kubernetes patch type the query
    /// names; answers the patched object as GET does. Checked as <c>update/&lt;group&gt;/&lt;kind&gt;/&lt;ns&gt;/&lt;name&gt;</c>.
    /// </summary>
    private static async Task<IResult> PatchAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (wanted, invalid) = ResourceRef.From(context.Request.Query);
        if (wanted is null) return invalid!;
        var patchType = context.Request.Query["patchType"].ToString();
        if (!PatchTypes.TryGetValue(patchType, out var shape))
            return ArgoError.InvalidArgument($"patchType \"{patchType}\" is not supported: use {string.Join(", ", PatchTypes.Keys)}");
        var (app, denied) = AuthorizeResource(context, cache, rbac, options, name, RbacAction.Update, wanted);
        if (app is null) return denied!;
        var (text, unreadable) = await RequestBody.ReadStringAsync(context, "patch");
        if (text is null) return unreadable!;
        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            return ArgoError.InvalidArgument($"patch: not valid JSON: {ex.Message}");
        }
        if (patch is null || patch.GetValueKind() != shape)
            return ArgoError.InvalidArgument($"patch: a {patchType} patch must be a JSON {(shape == JsonValueKind.Array ? "array" : "object")}");
        var (target, missing) = await FindAsync(app, wanted, control, context.RequestAborted);
        if (target is null) return missing!;
        try
        {
            var patched = await target.Cluster.PatchAsync(target.Type, target.Namespace, wanted.Name, patch, patchType, context.RequestAborted);
            return Manifest(target, patched);
        }
        catch (KubeApiException ex) when ((int)ex.Code is >= 400 and < 500)
        {
            // A Secret's error may quote its data: say only that it failed, as Argo CD does.
            var message = target.IsSecret ? $"failed to patch Secret {wanted.Namespace}/{wanted.Name}" : $"error patching resource: {ex.Message}";
            return ArgoError.Result(ex.IsNotFound ? GrpcCode.NotFound : GrpcCode.InvalidArgument, message);
        }
    }

    /// <summary>
    /// DELETE …/resource: in the foreground, or <c>orphan=true</c> (dependents stay), or <c>force=true</c> (background);
    /// answers <c>{}</c>. Checked as <c>delete/&lt;group&gt;/&lt;kind&gt;/&lt;ns&gt;/&lt;name&gt;</c>.
    /// </summary>
    private static async Task<IResult> DeleteAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (wanted, invalid) = ResourceRef.From(context.Request.Query);
        if (wanted is null) return invalid!;
        if (!TryFlag(context, "orphan", out var orphan) || !TryFlag(context, "force", out var force))
            return ArgoError.InvalidArgument("orphan and force must be true or false");
        var (app, denied) = AuthorizeResource(context, cache, rbac, options, name, RbacAction.Delete, wanted);
        if (app is null) return denied!;
        var (target, missing) = await FindAsync(app, wanted, control, context.RequestAborted);
        if (target is null) return missing!;
        var propagation = orphan ? "Orphan" : force ? "Background" : "Foreground";
        await target.Cluster.DeleteAsync(target.Type, target.Namespace, wanted.Name, propagation, cancellationToken: context.RequestAborted);
        return ApplicationEndpoints.Json(new JsonObject());
    }

    /// <summary>The Application, if the caller may update or delete this one object of it (the fine-grained action).</summary>
    private static (CachedApplication? App, IResult? Error) AuthorizeResource(HttpContext context, ApplicationCache cache, RbacService rbac, ServerOptions options,
        string name, RbacAction verb, ResourceRef wanted) =>
        ApplicationEndpoints.Authorize(context, cache, rbac, options, name, verb,
            (enforcer, claims, obj) => enforcer.EnforceApplicationResource(claims, verb, obj, wanted.Group, wanted.Kind, wanted.Namespace, wanted.Name));

    /// <summary>
    /// The object, if it is in the Application's tree: in <c>status.resources</c>, else owned (however deeply) by one
    /// that is — as Argo CD looks it up in the resource tree. Otherwise Argo's 400 "… not found as part of application …".
    /// </summary>
    internal static async Task<(ResourceTarget? Target, IResult? Error)> FindAsync(CachedApplication app, ResourceRef wanted, KubeClient control, CancellationToken cancellationToken)
    {
        var destination = app.Object.GetPath("spec", "destination") as JsonObject;
        var server = destination?["server"]?.ToString() ?? "";
        var clusterName = destination?["name"]?.ToString() ?? "";
        if (!(server.TrimEnd('/') == InCluster || (server.Length == 0 && clusterName is "" or "in-cluster")))
            return (null, ArgoError.Result(GrpcCode.Unimplemented, $"the destination {(server.Length > 0 ? server : clusterName)} of {app.Name} is not reachable from the API server: only in-cluster objects can be read or changed here"));

        var version = Matches(app.Object.GetPath("status", "resources") as JsonArray, wanted)?["version"]?.ToString();
        if (version is null)
        {
            var tree = await ResourceTree.BuildAsync(app.Object, control, cancellationToken);
            version = Matches(tree["nodes"] as JsonArray, wanted)?["version"]?.ToString();
        }
        if (version is null) return (null, NotPartOf(app, wanted));
        if (wanted.Version.Length > 0) version = wanted.Version;
        var apiVersion = wanted.Group.Length == 0 ? version : $"{wanted.Group}/{version}";
        var type = await control.FindAsync(apiVersion, wanted.Kind, cancellationToken);
        if (type is null) return (null, ArgoError.InvalidArgument($"the cluster does not serve {wanted.Kind} in {apiVersion}"));
        var live = await control.GetAsync(type, type.Namespaced ? wanted.Namespace : null, wanted.Name, cancellationToken);
        if (live is null) return (null, NotPartOf(app, wanted));
        return (new ResourceTarget(app, wanted, type, control, live), null);
    }

    private static JsonObject? Matches(JsonArray? resources, ResourceRef wanted) =>
        (resources ?? []).OfType<JsonObject>().FirstOrDefault(r =>
            (r["group"]?.ToString() ?? "") == wanted.Group && r["kind"]?.ToString() == wanted.Kind
            && (r["namespace"]?.ToString() ?? "") == wanted.Namespace && r["name"]?.ToString() == wanted.Name);

    private static IResult NotPartOf(CachedApplication app, ResourceRef wanted) =>
        ArgoError.InvalidArgument($"{wanted} not found as part of application {app.Name}");

    /// <summary><c>{"manifest":"…"}</c> of an object, with a Secret's values (and its last-applied annotation) masked.</summary>
    private static IResult Manifest(ResourceTarget target, JsonObject obj)
    {
        var shown = target.IsSecret ? SecretMasker.Mask(null, obj).Live! : obj;
        return ApplicationEndpoints.Json(new JsonObject { ["manifest"] = shown.ToJsonString() });
    }

    private static bool TryFlag(HttpContext context, string name, out bool value)
    {
        var text = context.Request.Query[name].ToString();
        value = false;
        return text.Length == 0 || bool.TryParse(text, out value);
    }
}
