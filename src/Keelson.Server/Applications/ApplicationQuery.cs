using Keelson.Resources.Selection;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Applications;

/// <summary>
/// The filters of Argo CD's <c>ApplicationQuery</c> as the gateway reads them from the query string: <c>name</c>,
/// <c>projects</c> / <c>project</c> (repeatable), <c>selector</c> (a label selector), <c>repo</c>, <c>fields</c>.
/// Unknown parameters are ignored, as grpc-gateway v1 ignores them.
/// </summary>
public sealed record ApplicationQuery(string? Name, IReadOnlySet<string> Projects, LabelSelector Selector, string? Repo, ApplicationFields? Fields)
{
    /// <summary>Reads the query; a selector that does not parse is an error message for a 400.</summary>
    public static (ApplicationQuery? Query, string? Error) From(IQueryCollection query)
    {
        LabelSelector selector;
        try
        {
            selector = query["selector"].ToString() is { Length: > 0 } text ? LabelSelector.Parse(text) : LabelSelector.Everything;
        }
        catch (SelectorException ex)
        {
            return (null, $"error parsing the selector: {ex.Message}");
        }
        var projects = query["projects"].Concat(query["project"]).OfType<string>().Where(p => p.Length > 0).ToHashSet(StringComparer.Ordinal);
        var name = query["name"].ToString();
        var repo = query["repo"].ToString();
        return (new ApplicationQuery(name.Length > 0 ? name : null, projects, selector, repo.Length > 0 ? repo : null, ApplicationFields.Parse(query["fields"].ToString())), null);
    }

    /// <summary>Whether an Application passes the filters (RBAC aside).</summary>
    public bool Matches(CachedApplication app) =>
        (Name is null || app.Name == Name)
        && (Projects.Count == 0 || Projects.Contains(app.Project))
        && (Selector.IsEverything || Selector.Matches(app.Labels))
        && (Repo is null || app.UsesRepository(Repo));
}
