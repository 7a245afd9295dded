using System.Text.Json.Nodes;
using Keelson.Git;

namespace Keelson.Engine.Reconcile;

/// <summary>What the controller remembers of an Application between reconciles: its project and the repositories it reads.</summary>
/// <param name="Project">The AppProject (<c>default</c> when unset).</param>
/// <param name="Repositories">The repoURLs of its sources, normalised as <see cref="RepositoryUrl.Normalize"/> does.</param>
internal sealed record AppIndexEntry(string Project, string[] Repositories)
{
    public static AppIndexEntry Of(JsonObject app)
    {
        var spec = app["spec"] as JsonObject;
        var project = spec?["project"]?.ToString() is { Length: > 0 } p ? p : "default";
        var sources = new List<JsonNode?> { spec?["source"] };
        if (spec?["sources"] is JsonArray many) sources.AddRange(many);
        var repositories = sources.OfType<JsonObject>()
            .Select(s => s["repoURL"]?.ToString())
            .OfType<string>()
            .Where(url => url.Length > 0)
            .Select(RepositoryUrl.Normalize)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return new AppIndexEntry(project, repositories);
    }
}
