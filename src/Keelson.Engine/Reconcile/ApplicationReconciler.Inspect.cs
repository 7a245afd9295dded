using Keelson.Engine.Model;
using Keelson.Git;

namespace Keelson.Engine.Reconcile;

public sealed partial class ApplicationReconciler
{
    /// <summary>
    /// Validates, fetches, renders and compares an Application, at its target revision or at
    /// <paramref name="revision"/>, without syncing or writing anything. Failures come back in
    /// <see cref="Comparison.Errors"/>, each naming what to fix.
    /// </summary>
    internal async Task<Comparison> InspectAsync(Application app, string? revision, CancellationToken cancellationToken)
    {
        var target = Validate(app, out var cluster, out var project);
        if (target.Errors.Count > 0) return Failed(target.Errors);
        var source = target.Source!;
        ResolvedRevision resolved;
        try
        {
            resolved = await _git.ResolveAsync(source.RepoUrl, revision ?? (string.IsNullOrEmpty(source.TargetRevision) ? "HEAD" : source.TargetRevision), cancellationToken);
        }
        catch (GitException ex)
        {
            return Failed([ex.Message]);
        }
        var status = new StatusWriter(app, _options.Time);
        var comparison = await CompareAsync(app, new AppState(), source, resolved, cluster!, project!, status, cancellationToken);
        return comparison ?? Failed(status.Conditions.Select(c => $"{c.Key}: {c.Value}").ToList());

        static Comparison Failed(IEnumerable<string> errors)
        {
            var failed = new Comparison { Revision = "", SourceType = "" };
            failed.Errors.AddRange(errors);
            return failed;
        }
    }
}
