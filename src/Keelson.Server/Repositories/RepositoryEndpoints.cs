using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Git;
using Keelson.Resources;
using Keelson.Server.Applications;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Server.Repositories;

/// <summary>
/// <c>/api/v1/repositories</c>: Argo CD's RepositoryService over the repository Secrets of the control namespace. A
/// repository is named in the path by its URL, escaped. RBAC object <c>&lt;project&gt;/&lt;repo&gt;</c> (the URL alone
/// when not project-scoped). Connection state comes from <c>git ls-remote</c> with the stored credentials, which are
/// never answered: responses carry the username at most.
/// </summary>
public static class RepositoryEndpoints
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/repositories").RequireCaller();
        group.MapGet("", ListAsync);
        group.MapPost("", CreateAsync);
        group.MapGet("/{repo}", GetAsync);
        group.MapPut("/{repo}", UpdateAsync);
        group.MapDelete("/{repo}", DeleteAsync);
        group.MapGet("/{repo}/refs", RefsAsync);
    }

    /// <summary>GET /api/v1/repositories: the repositories the caller may get, by project then URL, each with its connection state.</summary>
    private static async Task<IResult> ListAsync(HttpContext context, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var claims = context.Caller();
        var visible = (await AllAsync(control, options, context.RequestAborted))
            .Where(r => rbac.Enforcer.EnforceClaims(claims, Request(RbacAction.Get, r)).Allowed)
            .OrderBy(r => $"{r.Project}/{r.Repo}", StringComparer.Ordinal)
            .ToList();
        var items = await Task.WhenAll(visible.Select(async r =>
        {
            var json = r.Sanitized();
            json["connectionState"] = (await ConnectAsync(r, context.RequestAborted)).State;
            return (JsonNode)json;
        }));
        return ApplicationEndpoints.Json(new JsonObject { ["metadata"] = new JsonObject(), ["items"] = new JsonArray(items) });
    }

    private static async Task<IResult> GetAsync(HttpContext context, string repo, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (found, error) = await AuthorizeAsync(context, repo, RbacAction.Get, rbac, options, control);
        if (found is null) return error!;
        var json = found.Sanitized();
        json["connectionState"] = (await ConnectAsync(found, context.RequestAborted)).State;
        return ApplicationEndpoints.Json(json);
    }

    /// <summary>GET /api/v1/repositories/{repo}/refs → <c>{branches, tags}</c>, listed with the stored credentials.</summary>
    private static async Task<IResult> RefsAsync(HttpContext context, string repo, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (found, error) = await AuthorizeAsync(context, repo, RbacAction.Get, rbac, options, control);
        if (found is null) return error!;
        var connection = await ConnectAsync(found, context.RequestAborted);
        if (connection.Refs is not { } refs) return ArgoError.Result(GrpcCode.Unavailable, connection.State["message"]!.ToString());
        return ApplicationEndpoints.Json(new JsonObject
        {
            ["branches"] = new JsonArray(refs.Branches.Select(b => (JsonNode)b).ToArray()),
            ["tags"] = new JsonArray(refs.Tags.Select(t => (JsonNode)t).ToArray()),
        });
    }

    /// <summary>
    /// POST /api/v1/repositories (body: the Repository; q <c>upsert</c>, <c>credsOnly</c>): stores the repository Secret.
    /// A repository of no project must answer <c>git ls-remote</c> first, as Argo CD tests it. The answer is
    /// <c>{repo, type, name}</c>.
    /// </summary>
    private static async Task<IResult> CreateAsync(HttpContext context, RbacService rbac, ServerOptions options, KubeClient control)
    {
        if (Flag(context, "credsOnly")) return ArgoError.Result(GrpcCode.Unimplemented, "credsOnly: repository credential templates are not supported by Keelson yet; register each repository with its credentials");
        var (body, error) = await RequestBody.ReadObjectAsync(context);
        if (body is null) return error!;
        var (repository, problems) = RepositorySecret.FromApi(body);
        if (repository is null) return ArgoError.InvalidArgument(string.Join("; ", problems));
        var decision = rbac.Enforcer.EnforceClaims(context.Caller(), Request(RbacAction.Create, repository));
        if (!decision.Allowed) return ArgoError.PermissionDenied(decision.DenialMessage!);
        var secrets = await ArgoSecrets.ListAsync(control, options.ControlNamespace, ArgoSecrets.RepositoryType, context.RequestAborted);
        var existingSecret = secrets.FirstOrDefault(s => RepositorySecret.Read(s) is var r && r.IsFor(repository.Repo) && r.Project == repository.Project);
        if (existingSecret is not null)
        {
            var existing = RepositorySecret.Read(existingSecret);
            if (existing.SameAs(repository)) return Created(existing);
            if (!Flag(context, "upsert")) return ArgoError.InvalidArgument($"existing repository spec is different; use upsert flag to force update (repository {repository.Repo})");
            var update = rbac.Enforcer.EnforceClaims(context.Caller(), Request(RbacAction.Update, existing));
            if (!update.Allowed) return ArgoError.PermissionDenied(update.DenialMessage!);
            repository = repository.WithSecretName(existing.SecretName);
        }
        if (repository.Project.Length == 0 && (await ConnectAsync(repository, context.RequestAborted)) is { Refs: null } failed)
            return ArgoError.InvalidArgument($"{failed.State["message"]}; check repo.repo and the credentials");
        return await SaveAsync(context, repository, existingSecret, control, options);
    }

    /// <summary>PUT /api/v1/repositories/{repo} (body: the Repository): replaces the stored repository, credentials included.</summary>
    private static async Task<IResult> UpdateAsync(HttpContext context, string repo, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (body, error) = await RequestBody.ReadObjectAsync(context);
        if (body is null) return error!;
        var (existing, denied) = await AuthorizeAsync(context, repo, RbacAction.Update, rbac, options, control);
        if (existing is null) return denied!;
        body["repo"] ??= existing.Repo;
        var (repository, problems) = RepositorySecret.FromApi(body, existing.SecretName);
        if (repository is null) return ArgoError.InvalidArgument(string.Join("; ", problems));
        if (!repository.IsFor(existing.Repo)) return ArgoError.InvalidArgument($"repo.repo '{repository.Repo}' differs from the path's '{existing.Repo}'");
        var moved = rbac.Enforcer.EnforceClaims(context.Caller(), Request(RbacAction.Update, repository));
        if (!moved.Allowed) return ArgoError.PermissionDenied(moved.DenialMessage!);
        var secret = (await ArgoSecrets.ListAsync(control, options.ControlNamespace, ArgoSecrets.RepositoryType, context.RequestAborted)).First(s => s.GetName() == existing.SecretName);
        return await SaveAsync(context, repository, secret, control, options);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string repo, RbacService rbac, ServerOptions options, KubeClient control)
    {
        var (found, error) = await AuthorizeAsync(context, repo, RbacAction.Delete, rbac, options, control);
        if (found is null) return error!;
        await ArgoSecrets.DeleteAsync(control, options.ControlNamespace, found.SecretName!, context.RequestAborted);
        return ApplicationEndpoints.Json(new JsonObject());
    }

    private static async Task<IResult> SaveAsync(HttpContext context, RepositorySecret repository, JsonObject? existingSecret, KubeClient control, ServerOptions options)
    {
        try
        {
            var stored = await ArgoSecrets.SaveAsync(control, repository.ToSecret(options.ControlNamespace), existingSecret, context.RequestAborted);
            return Created(RepositorySecret.Read(stored));
        }
        catch (KubeApiException ex) when ((int)ex.Code is 400 or 422)
        {
            return ArgoError.InvalidArgument($"repository {repository.Repo} is invalid: {ex.Message}");
        }
        catch (KubeApiException ex) when ((int)ex.Code is 409)
        {
            return ArgoError.Result(GrpcCode.AlreadyExists, $"repository {repository.Repo} already exists or was changed meanwhile: read it again and retry");
        }
    }

    /// <summary>What Argo CD answers a create or update with: <c>{repo, type, name}</c> and an empty connection state (Go's zero struct).</summary>
    private static IResult Created(RepositorySecret repository)
    {
        var sanitized = repository.Sanitized();
        var json = new JsonObject { ["repo"] = repository.Repo, ["connectionState"] = new JsonObject { ["status"] = "", ["message"] = "" }, ["type"] = repository.Type };
        if (sanitized["name"] is { } name) json["name"] = name.DeepClone();
        return ApplicationEndpoints.Json(json);
    }

    /// <summary>
    /// Finds the repository the path names (URL compared as the Git cache keys it; <c>appProject</c> picks one of
    /// several) and checks the action. None found is a 403, as in Argo CD; several without <c>appProject</c> a 400.
    /// </summary>
    private static async Task<(RepositorySecret? Repository, IResult? Error)> AuthorizeAsync(HttpContext context, string repo, RbacAction action, RbacService rbac,
        ServerOptions options, KubeClient control)
    {
        var url = Uri.UnescapeDataString(repo);
        var project = context.Request.Query["appProject"].ToString();
        var matches = (await AllAsync(control, options, context.RequestAborted)).Where(r => r.IsFor(url)).ToList();
        if (matches.Count == 0) return (null, ArgoError.PermissionDenied());
        var found = matches.Count == 1 && project.Length == 0 ? matches[0] : matches.FirstOrDefault(r => r.Project == project);
        if (found is null) return (null, ArgoError.InvalidArgument($"repository not found for url \"{url}\" and project \"{project}\": name the project with ?appProject="));
        var decision = rbac.Enforcer.EnforceClaims(context.Caller(), Request(action, found));
        return decision.Allowed ? (found, null) : (null, ArgoError.PermissionDenied(decision.DenialMessage!));
    }

    private static async Task<List<RepositorySecret>> AllAsync(KubeClient control, ServerOptions options, CancellationToken cancellationToken) =>
        (await ArgoSecrets.ListAsync(control, options.ControlNamespace, ArgoSecrets.RepositoryType, cancellationToken)).Select(RepositorySecret.Read).ToList();

    private static RbacRequest Request(RbacAction action, RepositorySecret repository) => new(RbacResource.Repositories, action, repository.RbacObject);

    /// <summary><c>git ls-remote</c> with the stored credential: the refs, or why not (a message with no credential in it).</summary>
    private static async Task<(JsonObject State, RemoteRefs? Refs)> ConnectAsync(RepositorySecret repository, CancellationToken cancellationToken)
    {
        var attemptedAt = KubeTime.Format(DateTimeOffset.UtcNow);
        JsonObject State(string status, string message) => new() { ["status"] = status, ["message"] = message, ["attemptedAt"] = attemptedAt };
        if (repository.HasSshKey && repository.Credential is null && !RepositoryUrl.IsLocal(repository.Repo))
            return (State("Failed", "Unable to connect to repository: SSH private keys are not supported by Keelson's Git client yet; use https with a username and password or token"), null);
        try
        {
            var refs = await RemoteReferences.ListAsync(repository.Repo, repository.Credential, cancellationToken).WaitAsync(ConnectTimeout, cancellationToken);
            return (State("Successful", ""), refs);
        }
        catch (GitException ex)
        {
            return (State("Failed", $"Unable to connect to repository: {ex.Message}"), null);
        }
        catch (TimeoutException)
        {
            return (State("Failed", $"Unable to connect to repository: no answer within {ConnectTimeout.TotalSeconds:0} s"), null);
        }
    }

    private static bool Flag(HttpContext context, string name) => bool.TryParse(context.Request.Query[name].ToString(), out var b) && b;
}
