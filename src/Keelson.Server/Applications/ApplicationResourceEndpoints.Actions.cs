using System.Text.Json.Nodes;
using Keelson.Engine.Customizations;
using Keelson.Engine.Kube;
using Keelson.Resources;
using Keelson.Resources.Patching;
using Keelson.Server.Applications.Actions;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Applications;

public static partial class ApplicationResourceEndpoints
{
    /// <summary>GET …/resource/actions: <c>{"actions":[{name, disabled, iconClass, displayName}]}</c> for the object's kind.</summary>
    private static async Task<IResult> ListActionsAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (wanted, invalid) = ResourceRef.From(context.Request.Query);
        if (wanted is null) return invalid!;
        var (app, denied) = ApplicationEndpoints.Authorize(context, cache, rbac, options, name, RbacAction.Get);
        if (app is null) return denied!;
        var (target, missing) = await FindAsync(app, wanted, control, context.RequestAborted);
        if (target is null) return missing!;
        var actions = new JsonArray();
        foreach (var action in ResourceActionRegistry.Builtin.For(wanted.Group, wanted.Kind))
        {
            var item = new JsonObject { ["name"] = action.Name };
            // Go's omitempty, as Argo CD writes ResourceAction.
            if (action.IsDisabled(target.Live)) item["disabled"] = true;
            if (action.IconClass is { } icon) item["iconClass"] = icon;
            if (action.DisplayName is { } display) item["displayName"] = display;
            actions.Add(item);
        }
        return ApplicationEndpoints.Json(new JsonObject { ["actions"] = actions });
    }

    /// <summary>POST …/resource/actions (Argo CD's deprecated v1): the object in the query, the action's name as the body, a bare JSON string.</summary>
    private static async Task<IResult> RunActionAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (wanted, invalid) = ResourceRef.From(context.Request.Query);
        if (wanted is null) return invalid!;
        var (action, unreadable) = await RequestBody.ReadStringAsync(context, "action");
        if (action is null) return unreadable!;
        return await RunAsync(context, name, wanted, action, cache, rbac, options, control);
    }

    /// <summary>POST …/resource/actions/v2: body <c>{name, namespace, resourceName, version, group, kind, action, resourceActionParameters}</c>.</summary>
    private static async Task<IResult> RunActionV2Async(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (body, error) = await RequestBody.ReadObjectAsync(context);
        if (body is null) return error!;
        if (body["name"]?.ToString() is { Length: > 0 } bodyName && bodyName != name)
            return ArgoError.InvalidArgument($"name \"{bodyName}\" does not match the application in the path \"{name}\"");
        var (wanted, invalid) = ResourceRef.From(key => body[key] is JsonValue v ? v.ToString() : null);
        if (wanted is null) return invalid!;
        if (body["action"]?.ToString() is not { Length: > 0 } action) return ArgoError.InvalidArgument("action: required");
        return await RunAsync(context, name, wanted, action, cache, rbac, options, control);
    }

    /// <summary>
    /// Runs an action on the object, checked as <c>action/&lt;group&gt;/&lt;kind&gt;/&lt;action&gt;</c>: its patch is written as a merge
    /// patch of the live object, its new objects are created (after a dry run of them all); answers <c>{}</c>.
    /// </summary>
    private static async Task<IResult> RunAsync(HttpContext context, string name, ResourceRef wanted, string actionName, ApplicationCache cache, RbacService rbac,
        ServerOptions options, KubeClient control)
    {
        if (actionName.Contains('/') || actionName.Any(char.IsControl))
            return ArgoError.InvalidArgument($"action \"{actionName}\": must not contain '/' or control characters");
        var (app, denied) = ApplicationEndpoints.Authorize(context, cache, rbac, options, name, RbacAction.Action,
            (enforcer, claims, obj) => enforcer.EnforceClaims(claims, RbacRequest.ResourceAction(obj, wanted.Group, wanted.Kind, actionName)));
        if (app is null) return denied!;
        var (target, missing) = await FindAsync(app, wanted, control, context.RequestAborted);
        if (target is null) return missing!;
        var registry = ResourceActionRegistry.Builtin;
        if (registry.Find(wanted.Group, wanted.Kind, actionName) is not { } action)
        {
            var offered = registry.For(wanted.Group, wanted.Kind).Select(a => a.Name).ToList();
            return ArgoError.InvalidArgument($"action \"{actionName}\" is not available for {wanted.Kind} {wanted.Name}: {(offered.Count == 0 ? "it has no actions" : "its actions are " + string.Join(", ", offered))}");
        }

        var impacted = action.Run(target.Live, options.Time.GetUtcNow());
        var cancellationToken = context.RequestAborted;
        var created = new List<(ApiResource Type, JsonObject Object)>();
        try
        {
            foreach (var change in impacted.Where(i => i.Operation == ImpactedOperation.Create))
            {
                var type = await target.Cluster.FindAsync(change.Object.GetApiVersion() ?? "", change.Object.GetKind() ?? "", cancellationToken)
                    ?? throw new KubeApiException(System.Net.HttpStatusCode.BadRequest, "BadRequest", $"the cluster does not serve {change.Object.GetKind()} in {change.Object.GetApiVersion()}");
                await target.Cluster.CreateAsync(type, change.Object, "argocd-server", dryRun: true, cancellationToken: cancellationToken);
                created.Add((type, change.Object));
            }
            foreach (var change in impacted.Where(i => i.Operation == ImpactedOperation.Patch))
            {
                if (MergePatch.Create(target.Live, change.Object) is JsonObject { Count: > 0 } patch)
                    await target.Cluster.MergePatchAsync(target.Type, target.Namespace, wanted.Name, patch, cancellationToken: cancellationToken);
            }
            foreach (var (type, obj) in created) await target.Cluster.CreateAsync(type, obj, "argocd-server", cancellationToken: cancellationToken);
        }
        catch (KubeApiException ex) when ((int)ex.Code is >= 400 and < 500)
        {
            return ArgoError.InvalidArgument($"action {actionName} on {wanted.Kind} {wanted.Name} failed: {ex.Message}");
        }
        return ApplicationEndpoints.Json(new JsonObject());
    }
}
