using Keelson.Engine.Model;
using Keelson.Engine.Sync;
using Keelson.Git;

namespace Keelson.Engine.Reconcile;

public sealed partial class ApplicationReconciler
{
    /// <summary>
    /// Argo CD's automated sync: once per new revision; again at the same revision only with selfHeal (with
    /// backoff); never after a failed attempt at that revision; never to wipe out everything unless allowEmpty.
    /// </summary>
    private Operation? DecideAutoSync(Application app, AppState state, Comparison comparison, StatusWriter status)
    {
        if (!app.IsAutomated || comparison.Errors.Count > 0) return null;
        if (comparison.IsSynced)
        {
            state.SelfHealAttempts = 0;
            return null;
        }
        var automated = app.Spec.SyncPolicy!.Automated!;
        var outOfSync = comparison.Compared.Where(r => r.Modified || r.RequiresPruning).ToList();
        if (!automated.Prune && outOfSync.All(r => r.RequiresPruning)) return null;
        if (!automated.AllowEmpty && automated.Prune && comparison.Compared.All(r => r.RequiresPruning))
        {
            status.SetCondition("SyncError", "auto-sync will wipe out all resources: the source renders no objects (set syncPolicy.automated.allowEmpty to allow it)");
            return null;
        }
        var last = app.Status.OperationState;
        var attempted = last?.SyncResult?.Revision == comparison.Revision && last.Phase is not "Running";
        if (attempted && last!.Phase is "Failed" or "Error") return null;
        if (attempted && !automated.SelfHeal) return null;
        if (attempted)
        {
            var now = _options.Time.GetUtcNow();
            if (now < state.NextSelfHeal)
            {
                Requeue?.Invoke(app.Name, state.NextSelfHeal - now);
                return null;
            }
            var backoff = state.SelfHealAttempts == 0
                ? _options.SelfHealBackoff
                : TimeSpan.FromSeconds(Math.Min(300, 2 * Math.Pow(3, state.SelfHealAttempts - 1)));
            state.SelfHealAttempts++;
            state.NextSelfHeal = now + backoff;
            if (backoff > TimeSpan.Zero)
            {
                Requeue?.Invoke(app.Name, backoff);
                return null;
            }
        }
        return new Operation
        {
            Sync = new SyncOperation { Revision = comparison.Revision, Prune = automated.Prune, SyncOptions = app.Spec.SyncPolicy.SyncOptions },
            InitiatedBy = new OperationInitiator { Username = "keelson", Automated = true },
            Retry = app.Spec.SyncPolicy.Retry,
        };
    }

    /// <summary>Runs a sync operation (at its own revision when it names one), records its outcome, and returns the comparison against the target afterwards.</summary>
    private async Task<Comparison> RunOperationAsync(Application app, AppState state, Operation operation, ApplicationSource source, ResolvedRevision target,
        Comparison comparison, RegisteredCluster cluster, AppProject project, StatusWriter status, CancellationToken terminate, CancellationToken cancellationToken)
    {
        var sync = operation.Sync!;
        var startedAt = _options.Time.GetUtcNow();
        var retryCount = app.Status.OperationState is { Phase: "Running" } running ? running.RetryCount ?? 0 : 0;
        var opSource = sync.Source ?? source;
        var opComparison = comparison;
        if (sync.Source is not null || (!string.IsNullOrEmpty(sync.Revision) && sync.Revision != comparison.Revision))
        {
            try
            {
                var resolved = await _git.ResolveAsync(opSource.RepoUrl, string.IsNullOrEmpty(sync.Revision) ? opSource.TargetRevision ?? "HEAD" : sync.Revision, cancellationToken);
                opComparison = await CompareAsync(app, state, opSource, resolved, cluster, project, status, cancellationToken) ?? opComparison;
                if (opComparison == comparison)
                {
                    status.FinishOperation(operation, "Failed", "ComparisonError: the manifests at the requested revision could not be loaded (see conditions)", null, resolved.CommitSha, opSource, retryCount);
                    return comparison;
                }
            }
            catch (GitException ex)
            {
                status.FinishOperation(operation, "Failed", $"ComparisonError: {ex.Message}", null, sync.Revision, opSource, retryCount);
                return comparison;
            }
        }
        if (opComparison.Errors.Count > 0)
        {
            status.FinishOperation(operation, "Failed", $"ComparisonError: {string.Join("; ", opComparison.Errors)}", null, opComparison.Revision, opSource, retryCount);
            return comparison;
        }
        // While it runs, the app shows what the sync is about: its comparison with the target (OutOfSync at the new
        // revision, for an automated sync), as Argo CD shows it, rather than jumping from one Synced to the next.
        await status.WriteRunningAsync(_control, operation, startedAt, opComparison.Revision, opSource, comparison, source, app.Spec, cancellationToken);

        var options = new List<string>(app.Spec.SyncPolicy?.SyncOptions ?? []);
        options.AddRange(sync.SyncOptions ?? []);
        var meta = app.Spec.SyncPolicy?.ManagedNamespaceMetadata;
        var request = new SyncRequest
        {
            Prune = sync.Prune,
            DryRun = sync.DryRun,
            Only = sync.Resources is { Count: > 0 } only ? only.Select(r => new ResourceId(r.Group ?? "", r.Kind, r.Namespace ?? "", r.Name)).ToHashSet() : null,
            Options = new SyncOptionSet(options),
            DestinationNamespace = app.Spec.Destination.Namespace ?? "",
            NamespaceMetadata = meta is null ? null : new ManagedNamespaceMetadata(StringMap(meta["labels"]), StringMap(meta["annotations"])),
        };
        var runner = new SyncRunner(cluster.Client, _liveCache(cluster), _options, Customizations());
        var outcome = await runner.RunAsync(app.Name, opComparison.Resources, request, cancellationToken, terminate);
        state.DryRuns.Clear();
        // What was just applied is what runs: the comparison after the sync needs no dry run for it.
        var applied = outcome.Changes.Entries.Where(e => e.Action is SyncAction.Created or SyncAction.Configured or SyncAction.Unchanged).Select(e => e.Id).ToHashSet();
        foreach (var r in opComparison.Resources)
        {
            if (!sync.DryRun && !r.IsHook && r.Desired is not null && r.Live is not null && applied.Contains(r.Id) && !r.Options.IsTrue("Replace") && !request.Options.IsTrue("Replace"))
                state.DryRuns[r.Id] = new DryRunResult(Fingerprint(r.Desired), Fingerprint(r.Live, stripServerState: true), false);
        }

        var retry = operation.Retry;
        if (outcome.Terminated)
        {
            status.FinishOperation(operation, "Failed", outcome.Message, outcome.Changes, opComparison.Revision, opSource, retryCount, startedAt);
        }
        else if (!outcome.Succeeded && !sync.DryRun && retry?.Limit is { } limit && (limit < 0 || retryCount < limit))
        {
            var delay = Backoff(retry, retryCount);
            status.RetryOperation(operation, outcome, retryCount + 1, delay, startedAt, opComparison.Revision, opSource);
            Requeue?.Invoke(app.Name, delay);
        }
        else
        {
            status.FinishOperation(operation, outcome.Succeeded ? "Succeeded" : "Failed", outcome.Message, outcome.Changes, opComparison.Revision, opSource, retryCount, startedAt);
            if (outcome.Succeeded && !sync.DryRun) status.AddHistory(opComparison.Revision, opSource, startedAt, operation.InitiatedBy);
            if (!outcome.Succeeded && operation.InitiatedBy?.Automated == true) status.SetCondition("SyncError", $"Failed sync attempt to {Short(opComparison.Revision)}: {outcome.Message}");
        }
        return await CompareAsync(app, state, source, target, cluster, project, status, cancellationToken) ?? comparison;
    }

    private static TimeSpan Backoff(RetryStrategy retry, long attempt)
    {
        var duration = ParseDuration(retry.Backoff?.Duration) ?? TimeSpan.FromSeconds(5);
        var factor = retry.Backoff?.Factor ?? 2;
        var max = ParseDuration(retry.Backoff?.MaxDuration) ?? TimeSpan.FromMinutes(3);
        var seconds = duration.TotalSeconds * Math.Pow(factor, attempt);
        return TimeSpan.FromSeconds(Math.Min(seconds, max.TotalSeconds));
    }

    /// <summary>A Go duration such as <c>5s</c>, <c>3m</c>, <c>1h30m</c>, <c>500ms</c>; a bare number is seconds.</summary>
    public static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var bare)) return TimeSpan.FromSeconds(bare);
        var total = TimeSpan.Zero;
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"(\d+(?:\.\d+)?)(ms|h|m|s)"))
        {
            var n = double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            total += m.Groups[2].Value switch { "ms" => TimeSpan.FromMilliseconds(n), "h" => TimeSpan.FromHours(n), "m" => TimeSpan.FromMinutes(n), _ => TimeSpan.FromSeconds(n) };
        }
        return total;
    }

    internal static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;

    private static Dictionary<string, string> StringMap(System.Text.Json.Nodes.JsonNode? node) =>
        (node as System.Text.Json.Nodes.JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "");
}
