using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Engine.Model;
using Keelson.Git;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Applications;

public static partial class ApplicationReadEndpoints
{
    /// <summary>GET …/revisions/{revision}/metadata: the commit's author, date, tags and message, from the Application's repository.</summary>
    private static async Task<IResult> RevisionMetadataAsync(HttpContext context, string name, string revision, ApplicationCache cache, RbacService rbac,
        ServerOptions options, ApplicationSources sources)
    {
        if (revision.Length is 0 or > 255 || revision.Contains("..", StringComparison.Ordinal) || revision.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '~' or '^' or ':' or '\\'))
            return ArgoError.InvalidArgument($"invalid revision '{revision}': a commit SHA, branch or tag name");
        var (cached, denied) = Find(context, cache, rbac, options, name);
        if (cached is null) return denied!;
        if (Application.Parse(cached.Object).PrimarySource is not { } source) return ArgoError.InvalidArgument($"application {name} has no source");
        RevisionMetadata metadata;
        try
        {
            metadata = await sources.Git.DescribeAsync(source.RepoUrl, revision, context.RequestAborted);
        }
        catch (GitException ex)
        {
            return GitError(ex);
        }
        var body = new JsonObject
        {
            ["author"] = metadata.Author,
            ["date"] = metadata.Date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        if (metadata.Tags.Count > 0) body["tags"] = new JsonArray(metadata.Tags.Select(t => (JsonNode?)t).ToArray());
        if (metadata.Message.Length > 0) body["message"] = metadata.Message;
        return ApplicationEndpoints.Json(body);
    }
}
