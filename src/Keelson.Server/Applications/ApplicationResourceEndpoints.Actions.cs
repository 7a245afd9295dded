using System.Text.Json.Nodes;
using Keelson.Engine.Customizations;
using Keelson.Engine.Kube;
using Keelson.Engine.Lua;
using Keelson.Resources;
using Keelson.Resources.Patching;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Applications;

public static partial class ApplicationResourceEndpoints
{
    /// <summary>
    /// GET …/resource/actions: <c>{"actions":[{name, disabled, iconClass, displayName, params}]}</c>, by name — what
    /// argocd-cm's discovery.lua for the kind offers, and Keelson's built-in actions unless argocd-cm's replace them.
    /// </summary>
    private static async Task<IResult> ListActionsAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control,
        ResourceCustomizationsSource settings)
    {
        var (wanted, invalid) = ResourceRef.From(context.Request.Query);
        if (wanted is null) return invalid!;
        var (app, denied) = ApplicationEndpoints.Authorize(context, cache, rbac, options, name, RbacAction.Get);
        if (app is null) return denied!;
        var (target, missing) = await FindAsync(app, wanted, control, context.RequestAborted);
        if (target is null) return missing!;
        var customizations = await settings.ReadAsync(control, options.ControlNamespace, context.RequestAborted);
        IReadOnlyList<ResourceActionInfo> offered;
        try
        {
            offered = customizations.DiscoverActions(target.Live);
        }
        catch (LuaScriptException ex)
        {
            return ArgoError.Result(GrpcCode.Unknown, $"error getting available actions: error executing Lua discovery script: {ex.Message}");
        }
        var actions = new JsonArray();
        foreach (var action in offered)
        {
            var item = new JsonObject { ["name"] = action.Name };
            // Go's omitempty, as Argo CD writes ResourceAction.
            if (action.Params is { Count: > 0 } parameters) item["params"] = new JsonArray(parameters.Select(p => (JsonNode)new JsonObject { ["name"] = p }).ToArray());
            if (action.Disabled) item["disabled"] = true;
            if (action.IconClass is { } icon) item["iconClass"] = icon;
            if (action.DisplayName is { } display) item["displayName"] = display;
            actions.Add(item);
        }
        return ApplicationEndpoints.Json(new JsonObject { ["actions"] = actions });
    }

    /// <summary>POST …/resource/actions (Argo CD's deprecated v1): the object in the query, the action's name as the body, a bare JSON string.</summary>
    private static async Task<IResult> RunActionAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control,
        ResourceCustomizationsSource settings)
    {
        var (wanted, invalid) = ResourceRef.From(context.Request.Query);
        if (wanted is null) return invalid!;
        var (action, unreadable) = await RequestBody.ReadStringAsync(context, "action");
        if (action is null) return unreadable!;
        return await RunAsync(context, name, wanted, action, new Dictionary<string, string>(), cache, rbac, options, control, settings);
    }

    /// <summary>POST …/resource/actions/v2: body <c>{name, namespace, resourceName, version, group, kind, action, resourceActionParameters:[{name, value}]}</c>.</summary>
    private static async Task<IResult> RunActionV2Async(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control,
        ResourceCustomizationsSource settings)
    {
        var (body, error) = await RequestBody.ReadObjectAsync(context);
        if (body is null) return error!;
        if (body["name"]?.ToString() is { Length: > 0 } bodyName && bodyName != name)
            return ArgoError.InvalidArgument($"name \"{bodyName}\" does not match the application in the path \"{name}\"");
        var (wanted, invalid) = ResourceRef.From(key => body[key] is JsonValue v ? v.ToString() : null);
        if (wanted is null) return invalid!;
        if (body["action"]?.ToString() is not { Length: > 0 } action) return ArgoError.InvalidArgument("action: required");
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in body["resourceActionParameters"] as JsonArray ?? [])
        {
            if (parameter is not JsonObject p || p["name"]?.ToString() is not { Length: > 0 } parameterName)
                return ArgoError.InvalidArgument("resourceActionParameters: each needs a name");
            parameters[parameterName] = p["value"]?.ToString() ?? "";
        }
        return await RunAsync(context, name, wanted, action, parameters, cache, rbac, options, control, settings);
    }

    /// <summary>
    /// Runs an action on the object, checked as <c>action/&lt;group&gt;/&lt;kind&gt;/&lt;action&gt;</c>: argocd-cm's action.lua of
    /// that name for the kind, else the built-in one. What it patches is written as a merge patch of the live object
    /// (status through the status subresource when the kind has one); what it creates is created after a dry run of
    /// all of them. Answers <c>{}</c>.
    /// </summary>
    private static async Task<IResult> RunAsync(HttpContext context, string name, ResourceRef wanted, string actionName, IReadOnlyDictionary<string, string> parameters,
        ApplicationCache cache, RbacService rbac, ServerOptions options, KubeClient control, ResourceCustomizationsSource settings)
    {
        if (actionName.Contains('/') || actionName.Any(char.IsControl))
            return ArgoError.InvalidArgument($"action \"{actionName}\": must not contain '/' or control characters");
        var (app, denied) = ApplicationEndpoints.Authorize(context, cache, rbac, options, name, RbacAction.Action,
            (enforcer, claims, obj) => enforcer.EnforceClaims(claims, RbacRequest.ResourceAction(obj, wanted.Group, wanted.Kind, actionName)));
        if (app is null) return denied!;
        var (target, missing) = await FindAsync(app, wanted, control, context.RequestAborted);
        if (target is null) return missing!;
        var customizations = await settings.ReadAsync(control, options.ControlNamespace, context.RequestAborted);
        if (customizations.FindAction(wanted.Group, wanted.Kind, actionName) is not { } action)
        {
            var offered = SafeDiscover(customizations, target.Live);
            return ArgoError.InvalidArgument($"action \"{actionName}\" is not available for {wanted.Kind} {wanted.Name}: {(offered.Count == 0 ? "it has no actions" : "its actions are " + string.Join(", ", offered))}");
        }

        IReadOnlyList<ImpactedResource> impacted;
        try
        {
            impacted = customizations.RunAction(target.Live, action.ActionLua, parameters);
        }
        catch (LuaScriptException ex)
        {
            return ArgoError.InvalidArgument($"error executing Lua resource action {actionName} on {wanted.Kind} {wanted.Name}: {ex.Message}");
        }
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
                    await WritePatchAsync(target, wanted.Name, patch, cancellationToken);
            }
            foreach (var (type, obj) in created) await target.Cluster.CreateAsync(type, obj, "argocd-server", cancellationToken: cancellationToken);
        }
        catch (KubeApiException ex) when ((int)ex.Code is >= 400 and < 500)
        {
            return ArgoError.InvalidArgument($"action {actionName} on {wanted.Kind} {wanted.Name} failed: {ex.Message}");
        }
        return ApplicationEndpoints.Json(new JsonObject());
    }

    // As Argo CD: a change to status goes through the status subresource when the kind has one (a 404 says it has
    // not), the rest as an ordinary merge patch.
    private static async Task WritePatchAsync(ResourceTarget target, string name, JsonObject patch, CancellationToken cancellationToken)
    {
        if (patch["status"] is { } status)
        {
            try
            {
                await target.Cluster.MergePatchAsync(target.Type, target.Namespace, name, new JsonObject { ["status"] = status.DeepClone() }, status: true, cancellationToken);
                patch.Remove("status");
            }
            catch (KubeApiException ex) when (ex.IsNotFound)
            {
                // No status subresource: the whole patch goes to the object.
            }
        }
        if (patch.Count > 0) await target.Cluster.MergePatchAsync(target.Type, target.Namespace, name, patch, cancellationToken: cancellationToken);
    }

    private static List<string> SafeDiscover(ResourceCustomizations customizations, JsonObject live)
    {
        try
        {
            return customizations.DiscoverActions(live).Select(a => a.Name).ToList();
        }
        catch (LuaScriptException)
        {
            return [];
        }
    }
}
