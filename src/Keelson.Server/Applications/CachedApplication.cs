using System.Text.Json.Nodes;
using Keelson.Git;
using Keelson.Resources;

namespace Keelson.Server.Applications;

/// <summary>
/// One Application as the server holds it: the object, its JSON already serialised (a list of 1,000 writes bytes, it
/// does not serialise 1,000 objects), and what filters and RBAC look at.
/// </summary>
public sealed class CachedApplication
{
    private CachedApplication(JsonObject obj, byte[] json)
    {
        Object = obj;
        Json = json;
        Name = obj.GetName() ?? "";
        Namespace = obj.GetNamespace() ?? "";
        ResourceVersion = obj.GetResourceVersion() ?? "";
        Project = obj.GetPath("spec", "project")?.ToString() is { Length: > 0 } p ? p : "default";
        Labels = obj.GetLabels();
        var spec = obj["spec"] as JsonObject;
        var sources = new List<JsonNode?> { spec?["source"] };
        if (spec?["sources"] is JsonArray many) sources.AddRange(many);
        RepoUrls = sources.OfType<JsonObject>().Select(s => s["repoURL"]?.ToString()).OfType<string>().Where(u => u.Length > 0).ToArray();
    }

    /// <summary>The Application as stored (do not modify: it is shared by every reader).</summary>
    public JsonObject Object { get; }

    /// <summary><see cref="Object"/> as UTF-8 JSON.</summary>
    public byte[] Json { get; }

    public string Name { get; }

    public string Namespace { get; }

    public string ResourceVersion { get; }

    public string Project { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public string[] RepoUrls { get; }

    public static CachedApplication Of(JsonObject obj)
    {
        obj["apiVersion"] ??= "argoproj.io/v1alpha1";
        obj["kind"] ??= "Application";
        // managedFields are the API server's bookkeeping; Argo CD's informer-fed answers do not carry them either.
        obj.GetMetadata()?.Remove("managedFields");
        return new CachedApplication(obj, System.Text.Encoding.UTF8.GetBytes(obj.ToJsonString()));
    }

    /// <summary>Whether a source of this Application is in <paramref name="repo"/> (URLs compared as the Git cache keys them).</summary>
    public bool UsesRepository(string repo)
    {
        var wanted = RepositoryUrl.Normalize(repo);
        return RepoUrls.Any(u => RepositoryUrl.Normalize(u) == wanted);
    }

    /// <summary>A private copy to change (the cached object is shared).</summary>
    public JsonObject Copy() => Object.DeepClone().AsObject();
}
