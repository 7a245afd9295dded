using System.Collections.Concurrent;
using Keelson.Engine.Customizations;
using Keelson.Engine.Kube;
using Keelson.Engine.Live;
using Keelson.Engine.Model;
using Keelson.Engine.Source;
using Keelson.Engine.Sync;
using Keelson.Git;
using Keelson.Resources;
using Microsoft.Extensions.Logging;

namespace Keelson.Engine.Reconcile;

/// <summary>
/// Reconciles one Application: fetch → render → compare → decide → sync → status. Each stage's failure becomes
/// its own condition on the Application, and nothing is applied unless every earlier stage succeeded.
/// </summary>
public sealed partial class ApplicationReconciler
{
    private readonly KubeClient _control;
    private readonly ClusterRegistry _clusters;
    private readonly RepositoryCache _git;
    private readonly EngineOptions _options;
    private readonly Func<string, AppProject?> _projects;
    private readonly Func<RegisteredCluster, LiveStateCache> _liveCache;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, AppState> _states = new();
    private readonly ConcurrentDictionary<string, (string SourceType, string[] Objects)> _rendered = new();
    // The operation being run for each Application, cancelled when someone asks to terminate it.
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _operations = new();

    internal ApplicationReconciler(KubeClient control, ClusterRegistry clusters, RepositoryCache git, EngineOptions options,
        Func<string, AppProject?> projects, Func<RegisteredCluster, LiveStateCache> liveCache, ILogger logger)
    {
        _control = control;
        _clusters = clusters;
        _git = git;
        _options = options;
        _projects = projects;
        _liveCache = liveCache;
        _logger = logger;
    }

    /// <summary>Called when a reconcile wants to run again later (retry backoff, self-heal backoff).</summary>
    internal Action<string, TimeSpan>? Requeue { get; set; }

    /// <summary>argocd-cm's resource customizations now in force (health scripts, ignoreDifferences).</summary>
    internal Func<ResourceCustomizations> Customizations { get; init; } = () => ResourceCustomizations.None;

    internal void Forget(string app) => _states.TryRemove(app, out _);

    /// <summary>
    /// Stops the operation running for <paramref name="app"/>, if one is (its phase was set to Terminating); one that
    /// is not running yet is finished as terminated by its next reconcile.
    /// </summary>
    internal void Terminate(string app)
    {
        if (!_operations.TryGetValue(app, out var running)) return;
        try
        {
            running.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That reconcile has just ended: the next one sees the Terminating phase.
        }
    }

    /// <summary>Reconciles an Application once. Throws only for infrastructure faults (the control cluster unreachable).</summary>
    public async Task ReconcileAsync(Application app, ReconcileRequest request, CancellationToken cancellationToken)
    {
        var state = _states.GetOrAdd(app.Name, _ => new AppState());
        using var terminate = new CancellationTokenSource();
        _operations[app.Name] = terminate;
        try
        {
            await ReconcileAsync(app, state, request, terminate.Token, cancellationToken);
        }
        finally
        {
            _operations.TryRemove(new KeyValuePair<string, CancellationTokenSource>(app.Name, terminate));
        }
    }

    private async Task ReconcileAsync(Application app, AppState state, ReconcileRequest request, CancellationToken terminate, CancellationToken cancellationToken)
    {
        if (app.IsDeleting)
        {
            await FinalizeAsync(app, cancellationToken);
            return;
        }
        var status = new StatusWriter(app, _options.Time);

        // Validate: the spec, its project, its destination.
        var target = Validate(app, out var cluster, out var project);
        if (target.Errors.Count > 0)
        {
            status.SetCondition("InvalidSpecError", string.Join("; ", target.Errors));
            await status.WriteAsync(_control, cancellationToken);
            return;
        }
        var source = target.Source!;
        if (app.Raw.GetAnnotations().TryGetValue(ArgoAnnotations.AutoSyncSuspended, out var suspended))
            status.SetCondition("AutoSyncSuspended", $"automated sync is suspended ({suspended}); resume it with `keelson app set {app.Name} --auto-sync`");

        // Fetch: resolve the target revision (Git is asked again only on refresh).
        ResolvedRevision revision;
        try
        {
            // A sync operation deploys what the target revision names now, not at the last refresh.
            revision = await ResolveAsync(app, state, source, app.Operation is not null ? _options.Time.GetUtcNow() : request.RefreshSince, cancellationToken);
        }
        catch (GitException ex)
        {
            status.SetCondition("ComparisonError", $"Failed to load target state: {ex.Message}");
            await status.WriteAsync(_control, cancellationToken);
            return;
        }

        // Render and compare: what Git wants against what runs (a dry-run apply of each object, diff, health).
        var comparison = await CompareAsync(app, state, source, revision, cluster!, project!, status, cancellationToken);
        if (comparison is null)
        {
            await status.WriteAsync(_control, cancellationToken);
            return;
        }

        // Decide: an operation someone asked for, an automated sync of a new revision, or a self-heal of drift. One
        // that was terminated before it ran (or while it waited to retry) is finished as Argo CD finishes it.
        var operation = app.Operation ?? DecideAutoSync(app, state, comparison, status);
        if (app.Operation is not null && app.Status.OperationState?.Phase == "Terminating")
        {
            status.FinishOperation(app.Operation, "Failed", "Operation terminated", null, app.Status.OperationState.SyncResult?.Revision, app.Status.OperationState.SyncResult?.Source,
                app.Status.OperationState.RetryCount);
            operation = null;
        }

        // Sync, then compare again so that the status shows the outcome.
        if (operation?.Sync is not null)
        {
            comparison = await RunOperationAsync(app, state, operation, source, revision, comparison, cluster!, project!, status, terminate, cancellationToken);
        }
        else if (app.Operation is null && app.Status.OperationState is { Phase: "Terminating", Operation: { } automated })
        {
            // An automated sync was asked to stop after it had ended (or the engine restarted meanwhile): it is over.
            status.FinishOperation(automated, "Failed", "Operation terminated", null, app.Status.OperationState.SyncResult?.Revision,
                app.Status.OperationState.SyncResult?.Source, app.Status.OperationState.RetryCount);
        }
        else if (app.Operation is not null && app.Status.OperationState?.Phase != "Terminating")
        {
            status.FinishOperation(app.Operation, "Failed", "operation has no sync to run", null, null, null, app.Status.OperationState?.RetryCount);
        }

        // Record status.
        status.SetComparison(comparison, source, app.Spec);
        await status.WriteAsync(_control, cancellationToken);
    }

    private async Task<ResolvedRevision> ResolveAsync(Application app, AppState state, ApplicationSource source, DateTimeOffset? refreshSince, CancellationToken cancellationToken)
    {
        var targetRevision = string.IsNullOrEmpty(source.TargetRevision) ? "HEAD" : source.TargetRevision;
        var key = $"{source.RepoUrl}@{targetRevision}";
        var now = _options.Time.GetUtcNow();
        if (refreshSince is null && state.Resolved is { } known && state.ResolvedTarget == key && now < state.NextRefresh) return known;
        var resolved = await _git.ResolveAsync(source.RepoUrl, targetRevision, refreshSince ?? now, cancellationToken);
        state.Resolved = resolved;
        state.ResolvedTarget = key;
        var jitter = _options.RefreshJitter > TimeSpan.Zero ? TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * _options.RefreshJitter.TotalMilliseconds) : TimeSpan.Zero;
        state.NextRefresh = now + _options.RefreshInterval + jitter;
        Requeue?.Invoke(app.Name, _options.RefreshInterval + jitter);
        return resolved;
    }

    /// <summary>
    /// Renders a source at a commit. Results are cached by commit and source options, as compact JSON (a parsed tree
    /// costs ten times the memory), and parsed afresh for each caller.
    /// </summary>
    private RenderedSource Render(ApplicationSource source, string commitSha)
    {
        var key = $"{commitSha}\n{System.Text.Json.JsonSerializer.Serialize(source, ArgoJson.Options)}";
        if (!_rendered.TryGetValue(key, out var cached))
        {
            var rendered = ManifestRenderer.Render(_git.OpenTree(source.RepoUrl, commitSha, ""), source);
            cached = (rendered.SourceType, rendered.Objects.Select(o => o.ToJsonString()).ToArray());
            if (_rendered.Count > 10_000) _rendered.Clear();
            _rendered[key] = cached;
        }
        return new RenderedSource(cached.SourceType, cached.Objects.Select(j => (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(j)!).ToList());
    }
}
