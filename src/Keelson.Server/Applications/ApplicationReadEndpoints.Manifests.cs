using System.Text.Json.Nodes;
using Keelson.Engine.Diff;
using Keelson.Engine.Model;
using Keelson.Engine.Source;
using Keelson.Git;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Applications;

public static partial class ApplicationReadEndpoints
{
    /// <summary>
    /// GET …/manifests: the Application's source rendered at its target revision (or <c>?revision=</c>), each object
    /// a JSON string, Secrets masked. A revision Git does not have is a 404 naming it; a source that does not render, a 400 with the renderer's message.
    /// </summary>
    private static async Task<IResult> ManifestsAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options,
        ApplicationSources sources)
    {
        var (cached, denied) = Find(context, cache, rbac, options, name);
        if (cached is null) return denied!;
        var app = Application.Parse(cached.Object);
        if (app.PrimarySource is not { } source) return ArgoError.InvalidArgument($"application {name} has no source");
        var revision = context.Request.Query["revision"].ToString();
        if (revision.Length == 0) revision = string.IsNullOrEmpty(source.TargetRevision) ? "HEAD" : source.TargetRevision;
        RenderedSource rendered;
        string sha;
        try
        {
            sha = (await sources.Git.ResolveAsync(source.RepoUrl, revision, context.RequestAborted)).CommitSha;
            using var tree = sources.Git.OpenTree(source.RepoUrl, sha);
            rendered = ManifestRenderer.Render(tree, source);
        }
        catch (GitException ex)
        {
            return GitError(ex);
        }
        catch (RenderException ex)
        {
            return ArgoError.InvalidArgument($"failed to generate manifests for application {name} at {revision}: {ex.Message}");
        }
        var manifests = new JsonArray();
        foreach (var obj in rendered.Objects) manifests.Add(SecretMasker.Mask(obj, null).Target!.ToJsonString());
        return ApplicationEndpoints.Json(new JsonObject
        {
            ["manifests"] = manifests,
            ["namespace"] = app.Spec.Destination.Namespace ?? "",
            ["server"] = app.Spec.Destination.Server ?? app.Spec.Destination.Name ?? "",
            ["revision"] = sha,
            ["sourceType"] = rendered.SourceType,
        });
    }

    /// <summary>A Git failure as the caller should see it: a revision or path that is not there is their mistake; a fetch that fails is not.</summary>
    internal static IResult GitError(GitException ex) => ex.Failure switch
    {
        GitFailure.RevisionNotFound => ArgoError.NotFound(ex.Message),
        GitFailure.PathNotFound or GitFailure.PathOutsideTree => ArgoError.InvalidArgument(ex.Message),
        _ => ArgoError.Result(GrpcCode.Unavailable, ex.Message),
    };
}
