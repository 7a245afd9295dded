using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Resources;
using Keelson.Server.Applications;
using Keelson.Server.Clusters;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Repositories;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Server.Projects;

/// <summary>
/// <c>/api/v1/projects</c>: Argo CD's ProjectService over the AppProjects of the control namespace — read and written
/// in the cluster directly (the engine and the RBAC layer read them from there), checked with <c>projects, …</c>.
/// </summary>
public static partial class ProjectEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/projects").RequireCaller();
        group.MapGet("", ListAsync);
        group.MapPost("", CreateAsync);
        group.MapGet("/{name}", GetAsync);
        group.MapPut("/{name}", UpdateAsync);
        group.MapDelete("/{name}", DeleteAsync);
        group.MapGet("/{name}/detailed", DetailedAsync);
        group.MapGet("/{name}/syncwindows", SyncWindowsAsync);
        group.MapGet("/{name}/events", EventsAsync);
        group.MapPost("/{project}/roles/{role}/token", CreateTokenAsync);
        group.MapDelete("/{project}/roles/{role}/token/{iat}", DeleteTokenAsync);
    }

    /// <summary>GET /api/v1/projects: the AppProjects the caller may get (<c>name</c> narrows to one), by name.</summary>
    private static async Task<IResult> ListAsync(HttpContext context, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var type = await TypeAsync(control, context.RequestAborted);
        var (items, resourceVersion) = await control.ListAsync(type, options.ControlNamespace, null, context.RequestAborted);
        var name = context.Request.Query["name"].ToString();
        var claims = context.Caller();
        var visible = items
            .Where(p => name.Length == 0 || p.GetName() == name)
            .Where(p => rbac.Enforcer.EnforceClaims(claims, Request(RbacAction.Get, p.GetName() ?? "")).Allowed)
            .OrderBy(p => p.GetName(), StringComparer.Ordinal)
            .Select(p => (JsonNode)Answer(p))
            .ToArray();
        return ApplicationEndpoints.Json(new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["items"] = new JsonArray(visible),
        });
    }

    /// <summary>GET /api/v1/projects/{name}.</summary>
    private static async Task<IResult> GetAsync(HttpContext context, string name, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (project, error) = await AuthorizeAsync(context, rbac, options, control, name, RbacAction.Get);
        return project is null ? error! : ApplicationEndpoints.Json(Answer(project));
    }

    /// <summary>GET /api/v1/projects/{name}/detailed: the project with the repositories and clusters scoped to it (sanitised).</summary>
    private static async Task<IResult> DetailedAsync(HttpContext context, string name, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (project, error) = await AuthorizeAsync(context, rbac, options, control, name, RbacAction.Get);
        if (project is null) return error!;
        var answer = new JsonObject { ["project"] = Answer(project) };
        var repositories = (await ArgoSecrets.ListAsync(control, options.ControlNamespace, ArgoSecrets.RepositoryType, context.RequestAborted))
            .Select(RepositorySecret.Read).Where(r => r.Project == name).Select(r => (JsonNode)r.Sanitized()).ToArray();
        var clusters = (await ArgoSecrets.ListAsync(control, options.ControlNamespace, ArgoSecrets.ClusterType, context.RequestAborted))
            .Select(ClusterSecret.Read).Where(c => c.Project == name).Select(c => (JsonNode)c.Sanitized()).ToArray();
        // Go's omitempty: empty lists are left out.
        if (repositories.Length > 0) answer["repositories"] = new JsonArray(repositories);
        if (clusters.Length > 0) answer["clusters"] = new JsonArray(clusters);
        return ApplicationEndpoints.Json(answer);
    }

    /// <summary>GET /api/v1/projects/{name}/syncwindows: the project's windows that are open now.</summary>
    private static async Task<IResult> SyncWindowsAsync(HttpContext context, string name, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (project, error) = await AuthorizeAsync(context, rbac, options, control, name, RbacAction.Get);
        if (project is null) return error!;
        var now = options.Time.GetUtcNow();
        var active = (project.GetPath("spec", "syncWindows") as JsonArray ?? []).OfType<JsonObject>()
            .Where(w => SyncWindowSchedule.IsActive(w, now)).Select(w => (JsonNode)w.DeepClone()).ToArray();
        return ApplicationEndpoints.Json(new JsonObject { ["windows"] = new JsonArray(active) });
    }

    /// <summary>GET /api/v1/projects/{name}/events: the Kubernetes Events about the AppProject.</summary>
    private static async Task<IResult> EventsAsync(HttpContext context, string name, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (project, error) = await AuthorizeAsync(context, rbac, options, control, name, RbacAction.Get);
        if (project is null) return error!;
        var events = await ProjectEvents.ListAsync(control, project, context.RequestAborted);
        return ApplicationEndpoints.Json(new JsonObject { ["metadata"] = new JsonObject(), ["items"] = new JsonArray(events.Select(e => e.DeepClone()).ToArray()) });
    }

    /// <summary>
    /// Checks <c>projects, ACTION, NAME</c> and reads the project. As in Argo CD the check comes first, so a caller who
    /// may not see a project cannot learn whether it exists; one who may gets a 404 for a missing one.
    /// </summary>
    private static async Task<(JsonObject? Project, IResult? Error)> AuthorizeAsync(HttpContext context, RbacService rbac, ServerOptions options, KubeClient control,
        string name, RbacAction action)
    {
        var decision = rbac.Enforcer.EnforceClaims(context.Caller(), Request(action, name));
        if (!decision.Allowed) return (null, ArgoError.PermissionDenied(decision.DenialMessage!));
        var project = await control.GetAsync(await TypeAsync(control, context.RequestAborted), options.ControlNamespace, name, context.RequestAborted);
        return project is null ? (null, NotFound(name)) : (project, null);
    }

    internal static RbacRequest Request(RbacAction action, string name) => new(RbacResource.Projects, action, name);

    internal static IResult NotFound(string name) => ArgoError.NotFound($"appprojects.argoproj.io \"{name}\" not found");

    internal static async Task<ApiResource> TypeAsync(KubeClient control, CancellationToken cancellationToken) =>
        await control.FindAsync("argoproj.io/v1alpha1", "AppProject", cancellationToken)
        ?? throw new InvalidOperationException("the control cluster serves no argoproj.io/v1alpha1 AppProject: its CRD is not installed");

    /// <summary>The project as the API answers it: tokens normalised (both places agree), without the API server's managedFields.</summary>
    internal static JsonObject Answer(JsonObject project)
    {
        var copy = project.DeepClone().AsObject();
        copy["apiVersion"] ??= "argoproj.io/v1alpha1";
        copy["kind"] ??= "AppProject";
        copy.GetMetadata()?.Remove("managedFields");
        ProjectTokens.Normalize(copy);
        return copy;
    }
}
