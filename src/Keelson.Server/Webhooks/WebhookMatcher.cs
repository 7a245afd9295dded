using System.Text.Json.Nodes;

namespace Keelson.Server.Webhooks;

/// <summary>
/// Decides, as Argo CD's webhook handler does, which Applications a push refreshes: those with a source (any of
/// <c>spec.sources</c>, else <c>spec.source</c>) whose <c>repoURL</c> is the pushed repository in any spelling
/// (<see cref="RepoUrlPattern"/>), whose <c>targetRevision</c> is the pushed branch or tag
/// (<see cref="RevisionMatches"/>), and whose <see cref="ManifestGeneratePaths"/> cover a changed file.
/// </summary>
/// <remarks>
/// Pure: it neither lists nor annotates applications. The caller passes those the server manages (Argo CD's own
/// namespace and <c>application.namespaces</c>) and refreshes the ones decided on, once each.
/// </remarks>
public static class WebhookMatcher
{
    /// <summary>A decision for every application, in the order given.</summary>
    public static IReadOnlyList<AppRefreshDecision> Match(PushEvent push, IEnumerable<JsonObject> applications)
    {
        var patterns = Patterns(push);
        return [.. applications.Select(app => Decide(push, patterns, app))];
    }

    /// <summary>The patterns of the push's URLs; a URL with no host gives none.</summary>
    public static IReadOnlyList<RepoUrlPattern> Patterns(PushEvent push) =>
        [.. push.RepoWebUrls.Select(RepoUrlPattern.FromWebUrl).OfType<RepoUrlPattern>()];

    /// <summary>The decision for one application, given the push's <see cref="Patterns"/>.</summary>
    public static AppRefreshDecision Decide(PushEvent push, IReadOnlyList<RepoUrlPattern> patterns, JsonObject application)
    {
        var metadata = application["metadata"] as JsonObject;
        var name = Text(metadata, "name");
        var ns = Text(metadata, "namespace");
        var annotation = (metadata?["annotations"] as JsonObject) is { } annotations ? Text(annotations, ManifestGeneratePaths.AnnotationKey) : null;

        AppRefreshDecision? closest = null;
        foreach (var (field, source) in Sources(application))
        {
            var repoUrl = Text(source, "repoURL");
            var targetRevision = Text(source, "targetRevision");
            AppRefreshDecision decision;
            if (patterns.FirstOrDefault(p => p.IsMatch(repoUrl)) is not { } pattern)
            {
                decision = new(ns, name, RefreshVerdict.OtherRepository, $"no source uses the pushed repository ({string.Join(", ", push.RepoWebUrls)})");
            }
            else if (!RevisionMatches(targetRevision, push))
            {
                decision = new(ns, name, RefreshVerdict.OtherRevision, RevisionMismatch(field, targetRevision, push));
            }
            else
            {
                var tracked = $"{field} ({repoUrl} at '{(targetRevision.Length == 0 ? "HEAD" : targetRevision)}') tracks the push to '{push.Revision}' of {pattern.WebUrl}";
                var paths = ManifestGeneratePaths.ForSource(annotation, Text(source, "path"));
                decision = ManifestGeneratePaths.FirstChange(paths, push.ChangedFiles) switch
                {
                    null => new(ns, name, RefreshVerdict.PathsUnchanged,
                        $"{tracked}, but none of its {push.ChangedFiles.Count} changed file(s) is under manifest-generate-paths '{string.Join(";", paths)}'"),
                    _ when paths.Count == 0 => new(ns, name, RefreshVerdict.Refresh, $"{tracked}; no manifest-generate-paths"),
                    _ when push.ChangedFiles.Count == 0 => new(ns, name, RefreshVerdict.Refresh, $"{tracked}; the payload lists no changed files"),
                    var (file, path) => new(ns, name, RefreshVerdict.Refresh, $"{tracked}; changed file '{file}' is covered by manifest-generate-paths '{path}'"),
                };
            }
            if (decision.Refresh) return decision;
            if (closest is null || Closeness(decision.Verdict) > Closeness(closest.Verdict)) closest = decision;
        }
        return closest ?? new(ns, name, RefreshVerdict.OtherRepository, "the application has no source");
    }

    /// <summary>
    /// Argo CD's <c>sourceRevisionHasChanged</c>: an empty or <c>HEAD</c> target follows the default branch;
    /// <c>refs/heads/x</c> and <c>refs/tags/x</c> are compared as <c>x</c>; anything else as written — equal to the
    /// pushed branch or tag name or, failing that, a <see cref="SemverConstraint"/> the pushed name satisfies as a
    /// <see cref="SemverVersion"/>. Branches and tags of the same name are not told apart, as in Argo CD.
    /// </summary>
    public static bool RevisionMatches(string targetRevision, PushEvent push)
    {
        var target = GitRef.ShortName(targetRevision);
        if (target is "" or "HEAD") return push.TouchedDefaultBranch;
        if (targetRevision.StartsWith(GitRef.HeadsPrefix, StringComparison.Ordinal) || targetRevision.StartsWith(GitRef.TagsPrefix, StringComparison.Ordinal))
            return SameRevision(push.Revision, target);
        return SameRevision(push.Revision, targetRevision);
    }

    private static bool SameRevision(string pushed, string target) =>
        pushed == target
        || (SemverConstraint.TryParse(target, out var constraint) && SemverVersion.TryParse(pushed, out var version) && constraint.IsSatisfiedBy(version));

    /// <summary>How near a source that does not refresh came: the reason given is that of the nearest.</summary>
    private static int Closeness(RefreshVerdict verdict) => verdict switch
    {
        RefreshVerdict.PathsUnchanged => 2,
        RefreshVerdict.OtherRevision => 1,
        _ => 0,
    };

    private static string RevisionMismatch(string field, string targetRevision, PushEvent push) =>
        GitRef.ShortName(targetRevision) is "" or "HEAD"
            ? $"{field} tracks HEAD, and the push to '{push.Revision}' is not to the default branch"
            : $"{field} tracks '{targetRevision}', not the pushed '{push.Revision}'";

    /// <summary>The sources Argo CD's <c>GetSources</c> gives: <c>spec.sources</c> when it has any, else <c>spec.source</c>.</summary>
    private static IEnumerable<(string Field, JsonObject Source)> Sources(JsonObject application)
    {
        var spec = application["spec"] as JsonObject;
        if (spec?["sources"] is JsonArray { Count: > 0 } sources)
        {
            for (var i = 0; i < sources.Count; i++)
            {
                if (sources[i] is JsonObject source) yield return ($"spec.sources[{i}]", source);
            }
        }
        else if (spec?["source"] is JsonObject source)
        {
            yield return ("spec.source", source);
        }
    }

    private static string Text(JsonObject? obj, string name) =>
        obj?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
