using System.Text.RegularExpressions;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;

namespace Keelson.Engine.Reconcile;

public sealed partial class ApplicationReconciler
{
    private sealed record ValidatedTarget(ApplicationSource? Source, List<string> Errors);

    /// <summary>Checks the spec, its project (source repositories, destinations) and its destination cluster; every error at once.</summary>
    private ValidatedTarget Validate(Application app, out RegisteredCluster? cluster, out AppProject? project)
    {
        var errors = new List<string>();
        cluster = null;
        project = null;
        if (app.SpecError is { } specError) errors.Add(specError);
        var source = app.PrimarySource;
        if (source is null) errors.Add("spec.source: an Application needs a source (spec.source or spec.sources)");
        else if (string.IsNullOrWhiteSpace(source.RepoUrl)) errors.Add("spec.source.repoURL: required");
        if (app.Spec.Sources is { Count: > 1 }) errors.Add("spec.sources: Keelson syncs one source per Application; split the sources into separate Applications");
        project = _projects(app.Spec.ProjectName) ?? (app.Spec.ProjectName == "default" ? AppProject.PermissiveDefault() : null);
        if (project is null) errors.Add($"Application referencing project {app.Spec.ProjectName} which does not exist");
        var destination = app.Spec.Destination;
        if (string.IsNullOrEmpty(destination.Server) && string.IsNullOrEmpty(destination.Name))
            errors.Add("spec.destination: server or name is required");
        else if (!string.IsNullOrEmpty(destination.Server) && !string.IsNullOrEmpty(destination.Name))
            errors.Add("spec.destination: give server or name, not both");
        else
        {
            cluster = _clusters.Resolve(destination);
            if (cluster is null)
                errors.Add(destination.Name is { Length: > 0 } n
                    ? $"spec.destination.name: there are no clusters with this name: {n}"
                    : $"spec.destination.server: cluster {destination.Server} has not been configured");
        }
        if (project is not null && source is not null && errors.Count == 0)
        {
            if (!(project.Spec.SourceRepos ?? []).Any(p => Glob(p, source.RepoUrl)))
                errors.Add($"application repo {source.RepoUrl} is not permitted in project '{project.Name}'");
            var ns = destination.Namespace ?? "";
            var target = cluster!;
            var permitted = (project.Spec.Destinations ?? []).Any(d =>
                ((!string.IsNullOrEmpty(d.Server) && Glob(d.Server, target.Server)) || (!string.IsNullOrEmpty(d.Name) && Glob(d.Name, target.Name)))
                && Glob(d.Namespace ?? "", ns));
            if (!permitted)
                errors.Add($"application destination server '{target.Server}' and namespace '{ns}' do not match any of the allowed destinations in project '{project.Name}'");
        }
        return new ValidatedTarget(source, errors);
    }

    /// <summary>Whether a project permits a resource type (cluster-scoped: whitelist minus blacklist; namespaced: blacklist, and the whitelist when one is given).</summary>
    private static string? Permitted(AppProject project, ApiResource type)
    {
        bool Matches(List<GroupKindPattern>? list) => (list ?? []).Any(p => Glob(p.Group ?? "", type.Group) && Glob(p.Kind, type.Kind));
        var gk = type.Group.Length == 0 ? type.Kind : $"{type.Kind}.{type.Group}";
        if (!type.Namespaced)
        {
            if (!Matches(project.Spec.ClusterResourceWhitelist) || Matches(project.Spec.ClusterResourceBlacklist))
                return $"resource {gk} is not permitted in project {project.Name} (cluster-scoped resources need spec.clusterResourceWhitelist)";
            return null;
        }
        if (Matches(project.Spec.NamespaceResourceBlacklist) || project.Spec.NamespaceResourceWhitelist is { Count: > 0 } && !Matches(project.Spec.NamespaceResourceWhitelist))
            return $"resource {gk} is not permitted in project {project.Name}";
        return null;
    }

    /// <summary>Argo CD's glob: <c>*</c> matches any run of characters; a leading <c>!</c> is not supported here and never matches.</summary>
    internal static bool Glob(string pattern, string value)
    {
        if (pattern == "*") return true;
        if (!pattern.Contains('*') && !pattern.Contains('?')) return string.Equals(pattern, value, StringComparison.Ordinal);
        var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$";
        return Regex.IsMatch(value, regex);
    }
}
