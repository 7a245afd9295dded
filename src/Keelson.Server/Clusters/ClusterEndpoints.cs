using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;
using Keelson.Resources;
using Keelson.Server.Applications;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Server.Clusters;

/// <summary>
/// <c>/api/v1/clusters</c>: Argo CD's ClusterService over the cluster Secrets of the control namespace, plus the
/// built-in <c>in-cluster</c>. A cluster is named in the path by its server URL (escaped), or by its name with
/// <c>?id.type=name</c>. RBAC object: the server URL, or <c>&lt;project&gt;/&lt;server&gt;</c> when project-scoped.
/// A cluster the caller may not see and one that does not exist are the same 403.
/// </summary>
public static class ClusterEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/clusters").RequireCaller();
        group.MapGet("", ListAsync);
        group.MapPost("", CreateAsync);
        group.MapGet("/{**id}", GetAsync);
        group.MapPut("/{**id}", UpdateAsync);
        group.MapDelete("/{**id}", DeleteAsync);
    }

    /// <summary>GET /api/v1/clusters (q <c>server</c>, <c>name</c>): the clusters the caller may get, with their connection state.</summary>
    private static async Task<IResult> ListAsync(HttpContext context, RbacService rbac, ServerOptions options, KubeClient control, ApplicationCache apps)
    {
        var server = context.Request.Query["server"].ToString().TrimEnd('/');
        var name = context.Request.Query["name"].ToString();
        var claims = context.Caller();
        var visible = (await AllAsync(control, options, context.RequestAborted))
            .Where(c => (server.Length == 0 || c.Server == server) && (name.Length == 0 || c.Name == name))
            .Where(c => rbac.Enforcer.EnforceClaims(claims, Request(RbacAction.Get, c)).Allowed)
            .ToList();
        var answers = await Task.WhenAll(visible.Select(c => AnswerAsync(c, control, apps, fresh: false, context.RequestAborted)));
        return ApplicationEndpoints.Json(new JsonObject { ["metadata"] = new JsonObject(), ["items"] = new JsonArray(answers.Select(a => (JsonNode)a).ToArray()) });
    }

    private static async Task<IResult> GetAsync(HttpContext context, string id, RbacService rbac, ServerOptions options, KubeClient control, ApplicationCache apps)
    {
        var (cluster, denied) = await AuthorizeAsync(context, id, RbacAction.Get, rbac, options, control);
        return cluster is null ? denied! : ApplicationEndpoints.Json(await AnswerAsync(cluster, control, apps, fresh: false, context.RequestAborted));
    }

    /// <summary>
    /// POST /api/v1/clusters (body: the Cluster; q <c>upsert</c>): stores the cluster Secret once the cluster answered
    /// with that config. The same cluster again is answered as it is; a different one needs <c>upsert</c>.
    /// </summary>
    private static async Task<IResult> CreateAsync(HttpContext context, RbacService rbac, ServerOptions options, KubeClient control, ApplicationCache apps)
    {
        var (body, error) = await RequestBody.ReadObjectAsync(context);
        if (body is null) return error!;
        var (cluster, problems) = ClusterSecret.FromApi(body);
        if (cluster is null) return ArgoError.InvalidArgument(string.Join("; ", problems));
        var decision = rbac.Enforcer.EnforceClaims(context.Caller(), Request(RbacAction.Create, cluster));
        if (!decision.Allowed) return ArgoError.PermissionDenied("permission denied while creating cluster: " + decision.DenialMessage);
        var secrets = await ArgoSecrets.ListAsync(control, options.ControlNamespace, ArgoSecrets.ClusterType, context.RequestAborted);
        var existingSecret = secrets.FirstOrDefault(s => ClusterSecret.Read(s).Server == cluster.Server);
        if (existingSecret is not null)
        {
            var existing = ClusterSecret.Read(existingSecret);
            if (existing.SameAs(cluster)) return ApplicationEndpoints.Json(await AnswerAsync(existing, control, apps, fresh: false, context.RequestAborted));
            if (!Flag(context, "upsert")) return ArgoError.InvalidArgument($"existing cluster spec is different; use upsert flag to force update (cluster {cluster.Server})");
            var update = rbac.Enforcer.EnforceClaims(context.Caller(), Request(RbacAction.Update, existing));
            if (!update.Allowed) return ArgoError.PermissionDenied(update.DenialMessage!);
            cluster = cluster with { SecretName = existing.SecretName };
        }
        return await SaveAsync(context, cluster, existingSecret, control, options, apps);
    }

    /// <summary>
    /// PUT /api/v1/clusters/{id} (body: the Cluster; q <c>updatedFields</c>, repeated): replaces the cluster, or only the
    /// named fields (<c>name, namespaces, config, clusterResources, labels, annotations, project, shard</c>).
    /// </summary>
    private static async Task<IResult> UpdateAsync(HttpContext context, string id, RbacService rbac, ServerOptions options, KubeClient control, ApplicationCache apps)
    {
        var (body, error) = await RequestBody.ReadObjectAsync(context);
        if (body is null) return error!;
        var (existing, denied) = await AuthorizeAsync(context, id, RbacAction.Update, rbac, options, control);
        if (existing is null) return denied!;
        if (existing.SecretName is null) return ArgoError.InvalidArgument($"{existing.Server} is the built-in in-cluster destination: register it with POST /api/v1/clusters to change it");
        var fields = context.Request.Query["updatedFields"].OfType<string>().Where(f => f.Length > 0).ToList();
        var merged = Merge(existing, body, fields);
        var (cluster, problems) = ClusterSecret.FromApi(merged);
        if (cluster is null) return ArgoError.InvalidArgument(string.Join("; ", problems));
        if (cluster.Server != existing.Server) return ArgoError.InvalidArgument($"cluster.server '{cluster.Server}' differs from the cluster's '{existing.Server}': a cluster's server cannot change");
        var moved = rbac.Enforcer.EnforceClaims(context.Caller(), Request(RbacAction.Update, cluster));
        if (!moved.Allowed) return ArgoError.PermissionDenied(moved.DenialMessage!);
        var secret = (await ArgoSecrets.ListAsync(control, options.ControlNamespace, ArgoSecrets.ClusterType, context.RequestAborted)).First(s => s.GetName() == existing.SecretName);
        return await SaveAsync(context, cluster with { SecretName = existing.SecretName }, secret, control, options, apps);
    }

    /// <summary>DELETE /api/v1/clusters/{id}: removes the cluster Secret.</summary>
    private static async Task<IResult> DeleteAsync(HttpContext context, string id, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (cluster, denied) = await AuthorizeAsync(context, id, RbacAction.Delete, rbac, options, control);
        if (cluster is null) return denied!;
        if (cluster.SecretName is null) return ArgoError.InvalidArgument($"{cluster.Server} is the built-in in-cluster destination and cannot be deleted");
        await ArgoSecrets.DeleteAsync(control, options.ControlNamespace, cluster.SecretName, context.RequestAborted);
        return ApplicationEndpoints.Json(new JsonObject());
    }

    /// <summary>Checks the connection with the new config (Argo CD will not store a cluster it cannot reach), then writes the Secret.</summary>
    private static async Task<IResult> SaveAsync(HttpContext context, ClusterSecret cluster, JsonObject? existingSecret, KubeClient control, ServerOptions options, ApplicationCache apps)
    {
        var connection = await ClusterConnections.For(control).CheckAsync(cluster, fresh: true, context.RequestAborted);
        if (!connection.Successful) return ArgoError.InvalidArgument($"cluster {cluster.Server} was not saved: {connection.Message}; check cluster.server and cluster.config");
        try
        {
            var stored = await ArgoSecrets.SaveAsync(control, cluster.ToSecret(options.ControlNamespace), existingSecret, context.RequestAborted);
            return ApplicationEndpoints.Json(await AnswerAsync(ClusterSecret.Read(stored), control, apps, fresh: false, context.RequestAborted));
        }
        catch (KubeApiException ex) when ((int)ex.Code is 400 or 422)
        {
            return ArgoError.InvalidArgument($"cluster {cluster.Server} is invalid: {ex.Message}");
        }
        catch (KubeApiException ex) when ((int)ex.Code is 409)
        {
            return ArgoError.Result(GrpcCode.AlreadyExists, $"cluster {cluster.Server} was changed meanwhile: read it again and retry");
        }
    }

    /// <summary>The body over the existing cluster: whole when <paramref name="fields"/> is empty, else only those fields (Argo CD's <c>updatedFields</c>).</summary>
    private static JsonObject Merge(ClusterSecret existing, JsonObject body, List<string> fields)
    {
        if (fields.Count == 0) return body;
        var merged = existing.Sanitized();
        merged["config"] = existing.Config.DeepClone();
        foreach (var field in fields)
        {
            if (body.ContainsKey(field)) merged[field] = body[field]?.DeepClone();
        }
        return merged;
    }

    /// <summary>The registered clusters (Secrets), then <c>in-cluster</c> unless a Secret registers that server.</summary>
    private static async Task<List<ClusterSecret>> AllAsync(KubeClient control, ServerOptions options, CancellationToken cancellationToken)
    {
        var clusters = (await ArgoSecrets.ListAsync(control, options.ControlNamespace, ArgoSecrets.ClusterType, cancellationToken)).Select(ClusterSecret.Read).ToList();
        if (clusters.All(c => c.Server != ArgoAnnotations.InClusterServer)) clusters.Insert(0, ClusterSecret.InCluster);
        return clusters;
    }

    /// <summary>Finds the cluster the path names and checks the action on it; missing and denied are one 403, as in Argo CD.</summary>
    private static async Task<(ClusterSecret? Cluster, IResult? Error)> AuthorizeAsync(HttpContext context, string id, RbacAction action, RbacService rbac,
        ServerOptions options, KubeClient control)
    {
        var value = Uri.UnescapeDataString(id);
        var byName = context.Request.Query["id.type"].ToString() is "name" or "name_escaped";
        var cluster = (await AllAsync(control, options, context.RequestAborted))
            .FirstOrDefault(c => byName ? c.Name == value : c.Server == value.TrimEnd('/'));
        if (cluster is null || !rbac.Enforcer.EnforceClaims(context.Caller(), Request(action, cluster)).Allowed) return (null, ArgoError.PermissionDenied());
        return (cluster, null);
    }

    private static RbacRequest Request(RbacAction action, ClusterSecret cluster) => new(RbacResource.Clusters, action, cluster.RbacObject);

    /// <summary>The cluster as the API answers it: sanitised, with its connection state, version and application count.</summary>
    private static async Task<JsonObject> AnswerAsync(ClusterSecret cluster, KubeClient control, ApplicationCache apps, bool fresh, CancellationToken cancellationToken)
    {
        var connection = await ClusterConnections.For(control).CheckAsync(cluster, fresh, cancellationToken);
        var json = cluster.Sanitized();
        json["connectionState"] = connection.State();
        if (connection.ServerVersion.Length > 0) json["serverVersion"] = connection.ServerVersion;
        var count = apps.List().Count(a => a.Object.GetPath("spec", "destination") is JsonObject d
            && (d["server"]?.ToString()?.TrimEnd('/') == cluster.Server || (d["name"]?.ToString() is { Length: > 0 } n && n == cluster.Name)));
        var info = new JsonObject { ["connectionState"] = connection.State() };
        if (connection.ServerVersion.Length > 0) info["serverVersion"] = connection.ServerVersion;
        info["cacheInfo"] = new JsonObject();
        info["applicationsCount"] = count;
        json["info"] = info;
        return json;
    }

    private static bool Flag(HttpContext context, string name) => bool.TryParse(context.Request.Query[name].ToString(), out var b) && b;
}
