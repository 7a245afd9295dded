using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Resources;
using Keelson.Server.Applications;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Projects;

public static partial class ProjectEndpoints
{
    /// <summary>
    /// POST /api/v1/projects <c>{"project":{…},"upsert":bool}</c>: creates an AppProject. One that exists with the same
    /// spec is answered as it is; with another spec only <c>upsert</c> (and <c>projects, update</c>) replaces its spec.
    /// </summary>
    private static async Task<IResult> CreateAsync(HttpContext context, RbacService rbac, ServerOptions options, KubeClient control, ApplicationCache apps)
    {
        var (body, error) = await RequestBody.ReadObjectAsync(context);
        if (body is null) return error!;
        if (body["project"] is not JsonObject project) return ArgoError.InvalidArgument("missing payload 'project' in request: send {\"project\":{\"metadata\":{\"name\":…},\"spec\":{…}}}");
        var name = project.GetName() ?? "";
        var claims = context.Caller();
        var decision = rbac.Enforcer.EnforceClaims(claims, Request(RbacAction.Create, name));
        if (!decision.Allowed) return ArgoError.PermissionDenied(decision.DenialMessage!);
        project = Prepared(project, options);
        if (Invalid(project) is { } invalid) return invalid;

        var type = await TypeAsync(control, context.RequestAborted);
        var existing = await control.GetAsync(type, options.ControlNamespace, name, context.RequestAborted);
        JsonObject? stored;
        IResult? refused;
        if (existing is null)
        {
            project.Remove("status");
            (stored, refused) = await WriteAsync(() => control.CreateAsync(type, project, "argocd-server", cancellationToken: context.RequestAborted), name);
        }
        else
        {
            var spec = project["spec"] ?? new JsonObject();
            if (JsonNode.DeepEquals(existing["spec"], spec)) return ApplicationEndpoints.Json(Answer(existing));
            if (!(bool.TryParse(body["upsert"]?.ToString(), out var upsert) && upsert))
                return ArgoError.InvalidArgument($"existing project spec is different; use upsert flag to force update; difference in keys \"{string.Join(",", DifferentKeys(existing["spec"] as JsonObject, spec as JsonObject))}\"");
            var update = rbac.Enforcer.EnforceClaims(claims, Request(RbacAction.Update, name));
            if (!update.Allowed) return ArgoError.PermissionDenied(update.DenialMessage!);
            existing["spec"] = spec.DeepClone();
            ProjectTokens.Normalize(existing);
            (stored, refused) = await WriteAsync(() => control.ReplaceAsync(type, existing, "argocd-server", cancellationToken: context.RequestAborted), name);
        }
        if (stored is null) return refused!;
        await AfterWriteAsync(context, rbac, control, stored, existing is null ? "created project" : "updated project");
        return ApplicationEndpoints.Json(Answer(stored));
    }

    /// <summary>PUT /api/v1/projects/{name} <c>{"project":{…}}</c>: replaces the project's metadata labels and annotations, spec and tokens.</summary>
    private static async Task<IResult> UpdateAsync(HttpContext context, string name, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (body, error) = await RequestBody.ReadObjectAsync(context);
        if (body is null) return error!;
        if (body["project"] is not JsonObject project) return ArgoError.InvalidArgument("missing payload 'project' in request: send {\"project\":{…}}");
        if (project.GetName() is { Length: > 0 } bodyName && bodyName != name)
            return ArgoError.InvalidArgument($"project.metadata.name '{bodyName}' does not match the path's '{name}'");
        project.Metadata()["name"] = name;
        var decision = rbac.Enforcer.EnforceClaims(context.Caller(), Request(RbacAction.Update, name));
        if (!decision.Allowed) return ArgoError.PermissionDenied(decision.DenialMessage!);
        project = Prepared(project, options);
        if (Invalid(project) is { } invalid) return invalid;

        var type = await TypeAsync(control, context.RequestAborted);
        if (await control.GetAsync(type, options.ControlNamespace, name, context.RequestAborted) is not { } existing) return NotFound(name);
        var replacement = existing.DeepClone().AsObject();
        replacement["spec"] = project["spec"]!.DeepClone();
        if (project["status"] is JsonObject status) replacement["status"] = status.DeepClone();
        foreach (var field in new[] { "labels", "annotations" })
        {
            if (project.GetPath("metadata", field) is JsonObject values) replacement.Metadata()[field] = values.DeepClone();
        }
        // The caller's resourceVersion, when sent, is the precondition: an update made from a stale read is a 409.
        if (project.GetResourceVersion() is { Length: > 0 } version) replacement.Metadata()["resourceVersion"] = version;
        ProjectTokens.Normalize(replacement);
        var (stored, refused) = await WriteAsync(() => control.ReplaceAsync(type, replacement, "argocd-server", cancellationToken: context.RequestAborted), name);
        if (stored is null) return refused!;
        await AfterWriteAsync(context, rbac, control, stored, "updated project");
        return ApplicationEndpoints.Json(Answer(stored));
    }

    /// <summary>DELETE /api/v1/projects/{name}: refused for <c>default</c> and while any Application uses the project.</summary>
    private static async Task<IResult> DeleteAsync(HttpContext context, string name, RbacService rbac, ServerOptions options, KubeClient control, ApplicationCache apps)
    {
        if (name == "default") return ArgoError.InvalidArgument("name 'default' is reserved and cannot be deleted");
        var (project, error) = await AuthorizeAsync(context, rbac, options, control, name, RbacAction.Delete);
        if (project is null) return error!;
        var users = apps.List().Count(a => a.Project == name);
        if (users > 0) return ArgoError.InvalidArgument($"project is referenced by {users} applications: delete them or move them to another project first");
        await control.DeleteAsync(await TypeAsync(control, context.RequestAborted), options.ControlNamespace, name, cancellationToken: context.RequestAborted);
        await AfterWriteAsync(context, rbac, control, project, "deleted project");
        return ApplicationEndpoints.Json(new JsonObject());
    }

    /// <summary>The project as it will be stored: in the control namespace, apiVersion and kind set, server-owned metadata dropped.</summary>
    private static JsonObject Prepared(JsonObject project, ServerOptions options)
    {
        var copy = project.DeepClone().AsObject();
        copy["apiVersion"] = "argoproj.io/v1alpha1";
        copy["kind"] = "AppProject";
        var metadata = copy.Metadata();
        metadata["namespace"] = options.ControlNamespace;
        foreach (var owned in new[] { "uid", "creationTimestamp", "managedFields", "generation" }) metadata.Remove(owned);
        if (copy["spec"] is not JsonObject) copy["spec"] = new JsonObject();
        ProjectTokens.Normalize(copy);
        return copy;
    }

    private static IResult? Invalid(JsonObject project)
    {
        var problems = ProjectValidation.Problems(project);
        return problems.Count == 0 ? null : ArgoError.InvalidArgument("error validating project: " + string.Join("; ", problems));
    }

    /// <summary>The top-level spec keys whose values differ, for the "spec is different" message.</summary>
    private static IEnumerable<string> DifferentKeys(JsonObject? existing, JsonObject? wanted)
    {
        var keys = (existing ?? []).Select(p => p.Key).Union((wanted ?? []).Select(p => p.Key), StringComparer.Ordinal);
        return keys.Where(k => !JsonNode.DeepEquals(existing?[k], wanted?[k])).Order(StringComparer.Ordinal);
    }

    /// <summary>Runs a write; the API server's refusals of the object become Argo's 400, a stale resourceVersion its 409.</summary>
    internal static async Task<(JsonObject? Stored, IResult? Error)> WriteAsync(Func<Task<JsonObject>> write, string name)
    {
        try
        {
            return (await write(), null);
        }
        catch (KubeApiException ex) when ((int)ex.Code is 400 or 422)
        {
            return (null, ArgoError.InvalidArgument($"project {name} is invalid: {ex.Message}"));
        }
        catch (KubeApiException ex) when ((int)ex.Code is 409)
        {
            return (null, ArgoError.Result(GrpcCode.Aborted, $"project {name} was changed meanwhile: read it again and retry ({ex.Message})"));
        }
    }

    /// <summary>After a write: the RBAC layer sees the new roles and tokens at once, and an Event records who did what.</summary>
    private static async Task AfterWriteAsync(HttpContext context, RbacService rbac, KubeClient control, JsonObject project, string action)
    {
        await rbac.RefreshAsync(context.RequestAborted);
        await ProjectEvents.RecordAsync(control, project, context.Caller().Subject, action, context.RequestAborted);
    }
}
