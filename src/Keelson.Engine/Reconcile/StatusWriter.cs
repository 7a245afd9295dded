using System.Text.Json.Nodes;
using Keelson.Engine.Health;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;
using Keelson.Engine.Sync;
using Keelson.Resources;
using Keelson.Resources.Patching;

namespace Keelson.Engine.Reconcile;

/// <summary>
/// Collects what one reconcile learnt about an Application and writes it as Argo CD does: one merge patch of
/// <c>status</c> (conditions, sync, health, resources, operationState, history, reconciledAt), clearing a finished
/// <c>operation</c> and a handled refresh annotation in the same write.
/// </summary>
internal sealed class StatusWriter(Application app, TimeProvider time)
{
    private readonly Dictionary<string, string> _conditions = [];
    private SyncStatus? _sync;
    private AppHealthStatus? _health;
    private List<ResourceStatus>? _resources;
    private OperationState? _operationState;
    private List<RevisionHistory>? _history;
    private ApplicationSummary? _summary;
    private string? _sourceType;
    private bool _clearOperation;
    private Operation? _keepOperation;
    private bool _syncSucceeded;

    // The status as the server holds it after this writer's own earlier writes: merge patches are computed against it.
    private JsonNode? _written = app.Raw["status"]?.DeepClone();

    private string Now => KubeTime.Format(time.GetUtcNow());

    /// <summary>The conditions set so far in this reconcile, by type.</summary>
    public IReadOnlyDictionary<string, string> Conditions => _conditions;

    public void SetCondition(string type, string message) => _conditions[type] = _conditions.TryGetValue(type, out var existing) ? existing + "; " + message : message;

    public void SetSyncUnknown(string revision, ApplicationSource source, ApplicationSpec spec) =>
        _sync = new SyncStatus { Status = "Unknown", Revision = revision, ComparedTo = ComparedTo(source, spec) };

    public void SetComparison(Comparison comparison, ApplicationSource source, ApplicationSpec spec)
    {
        _sync = new SyncStatus { Status = comparison.SyncStatus, Revision = comparison.Revision, ComparedTo = ComparedTo(source, spec) };
        if (comparison.Errors.Count > 0) SetCondition("ComparisonError", string.Join("; ", comparison.Errors));
        foreach (var warning in comparison.Warnings)
            SetCondition(warning.Contains("more than once", StringComparison.Ordinal) ? "RepeatedResourceWarning" : "SharedResourceWarning", warning);
        if (comparison.Excluded.Count > 0) SetCondition("ExcludedResourceWarning", string.Join("; ", comparison.Excluded));
        var health = comparison.Health;
        var message = health == HealthStatus.Healthy ? null : comparison.Compared.Where(r => r.Health?.Status == health).Select(r => $"{r.Id}: {r.Health!.Message ?? health.ToArgoString()}").FirstOrDefault();
        var previous = app.Status.Health;
        _health = new AppHealthStatus
        {
            Status = health.ToArgoString(),
            Message = message,
            LastTransitionTime = previous?.Status == health.ToArgoString() && previous.LastTransitionTime is not null ? previous.LastTransitionTime : Now,
        };
        _resources = comparison.Compared.OrderBy(r => r.Id.Group, StringComparer.Ordinal).ThenBy(r => r.Id.Kind, StringComparer.Ordinal)
            .ThenBy(r => r.Id.Namespace, StringComparer.Ordinal).ThenBy(r => r.Id.Name, StringComparer.Ordinal)
            .Select(r => new ResourceStatus
            {
                Group = r.Id.Group,
                Version = r.Version,
                Kind = r.Id.Kind,
                Namespace = r.Id.Namespace.Length == 0 ? null : r.Id.Namespace,
                Name = r.Id.Name,
                Status = r.Modified || r.RequiresPruning ? "OutOfSync" : "Synced",
                Health = r.Health is { } h ? new AppHealthStatus { Status = h.Status.ToArgoString(), Message = h.Message } : null,
                RequiresPruning = r.RequiresPruning ? true : null,
                SyncWave = r.Wave != 0 ? r.Wave : null,
            }).ToList();
        _sourceType = comparison.SourceType;
        _summary = new ApplicationSummary { Images = comparison.Images().ToList() };
    }

    public void FinishOperation(Operation operation, string phase, string message, ChangeSet? changes, string? revision, ApplicationSource? source, long? retryCount, DateTimeOffset? startedAt = null)
    {
        _operationState = new OperationState
        {
            Operation = operation,
            Phase = phase,
            Message = message,
            SyncResult = new SyncOperationResult { Revision = revision, Source = source, Resources = Results(changes) },
            StartedAt = KubeTime.Format(startedAt ?? time.GetUtcNow()),
            FinishedAt = Now,
            RetryCount = retryCount is > 0 ? retryCount : null,
        };
        _clearOperation = app.Operation is not null;
        _syncSucceeded = phase == "Succeeded";
    }

    public void RetryOperation(Operation operation, SyncOutcome outcome, long retryCount, TimeSpan delay, DateTimeOffset startedAt, string revision, ApplicationSource source)
    {
        _operationState = new OperationState
        {
            Operation = operation,
            Phase = "Running",
            Message = $"Retrying attempt #{retryCount} in {delay.TotalSeconds:0} s: {outcome.Message}",
            SyncResult = new SyncOperationResult { Revision = revision, Source = source, Resources = Results(outcome.Changes) },
            StartedAt = KubeTime.Format(startedAt),
            RetryCount = retryCount,
        };
        // An automated sync is not in the object yet: it is written there so the retry survives a restart.
        _keepOperation = app.Operation is null ? operation : null;
    }

    public void AddHistory(string revision, ApplicationSource source, DateTimeOffset startedAt, OperationInitiator? initiatedBy)
    {
        var history = new List<RevisionHistory>(app.Status.History ?? []);
        history.Add(new RevisionHistory
        {
            Id = history.Count == 0 ? 0 : history.Max(h => h.Id) + 1,
            Revision = revision,
            Source = source,
            DeployStartedAt = KubeTime.Format(startedAt),
            DeployedAt = Now,
            InitiatedBy = initiatedBy,
        });
        var limit = app.Spec.RevisionHistoryLimit ?? 10;
        if (history.Count > limit) history.RemoveRange(0, history.Count - limit);
        _history = history;
    }

    /// <summary>Marks an operation as running right away, so watchers (CLI, UI) see it before the sync ends.</summary>
    public async Task WriteRunningAsync(KubeClient control, Operation operation, DateTimeOffset startedAt, string revision, ApplicationSource source,
        Comparison before, ApplicationSource target, ApplicationSpec spec, CancellationToken cancellationToken)
    {
        var state = new OperationState
        {
            Operation = operation,
            Phase = "Running",
            Message = "sync in progress",
            SyncResult = new SyncOperationResult { Revision = revision, Source = source },
            StartedAt = KubeTime.Format(startedAt),
            RetryCount = app.Status.OperationState is { Phase: "Running", RetryCount: > 0 } r ? r.RetryCount : null,
        };
        var statusPatch = new JsonObject
        {
            ["operationState"] = ArgoJson.Write(state),
            ["sync"] = ArgoJson.Write(new SyncStatus { Status = before.SyncStatus, Revision = before.Revision, ComparedTo = ComparedTo(target, spec) }),
        };
        await PatchAsync(control, new JsonObject { ["status"] = statusPatch.DeepClone() }, cancellationToken);
        _written = MergePatch.Apply(_written ?? new JsonObject(), statusPatch);
    }

    public async Task WriteAsync(KubeClient control, CancellationToken cancellationToken)
    {
        var previous = app.Status;
        var conditions = new List<ApplicationCondition>();
        foreach (var (type, message) in _conditions.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var old = previous.Conditions?.FirstOrDefault(c => c.Type == type && c.Message == message);
            conditions.Add(new ApplicationCondition { Type = type, Message = message, LastTransitionTime = old?.LastTransitionTime ?? Now });
        }
        // A failed automated sync stays visible until a sync succeeds or the app is in sync again.
        if (!_conditions.ContainsKey("SyncError") && !_syncSucceeded && _sync?.Status != "Synced" && previous.Conditions?.FirstOrDefault(c => c.Type == "SyncError") is { } syncError)
            conditions.Add(syncError);
        var next = previous with
        {
            Sync = _sync ?? previous.Sync ?? new SyncStatus(),
            Health = _health ?? previous.Health ?? new AppHealthStatus(),
            Resources = _resources ?? previous.Resources,
            OperationState = _operationState ?? previous.OperationState,
            History = _history ?? previous.History,
            Conditions = conditions.Count > 0 ? conditions : null,
            ReconciledAt = Now,
            ObservedAt = Now,
            SourceType = _sourceType ?? previous.SourceType,
            Summary = _summary ?? previous.Summary,
        };
        var statusPatch = MergePatch.Create(_written, ArgoJson.Write(next));
        var patch = new JsonObject();
        // Create answers a fresh node: the whole status when there was none, else only what changed.
        if (statusPatch is not JsonObject { Count: 0 }) patch["status"] = statusPatch;
        if (_clearOperation) patch["operation"] = null;
        if (_keepOperation is not null) patch["operation"] = ArgoJson.Write(_keepOperation);
        if (app.Raw.GetAnnotations().ContainsKey(ArgoAnnotations.Refresh))
            patch["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [ArgoAnnotations.Refresh] = null } };
        if (patch.Count > 0) await PatchAsync(control, patch, cancellationToken);
    }

    private async Task PatchAsync(KubeClient control, JsonObject patch, CancellationToken cancellationToken)
    {
        var type = await control.FindAsync(ArgoAnnotations.ApiVersion, "Application", cancellationToken)
            ?? throw new InvalidOperationException("the control cluster does not serve argoproj.io/v1alpha1 Applications");
        try
        {
            await control.MergePatchAsync(type, app.Namespace, app.Name, patch, cancellationToken: cancellationToken);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            // Deleted while it was being reconciled: nothing left to record.
        }
    }

    private static ComparedTo ComparedTo(ApplicationSource source, ApplicationSpec spec) =>
        new() { Source = source, Destination = spec.Destination, IgnoreDifferences = spec.IgnoreDifferences };

    private static List<ResourceResult> Results(ChangeSet? changes) =>
        (changes?.Entries ?? []).Select(e => new ResourceResult
        {
            Group = e.Id.Group,
            Version = e.Version,
            Kind = e.Id.Kind,
            Namespace = e.Id.Namespace,
            Name = e.Id.Name,
            Status = e.Action switch
            {
                SyncAction.Pruned => "Pruned",
                SyncAction.PruneSkipped => "PruneSkipped",
                SyncAction.Failed or SyncAction.HookFailed => "SyncFailed",
                _ => "Synced",
            },
            Message = e.Message,
            HookType = e.HookType,
            HookPhase = e.Action switch { SyncAction.HookSucceeded => "Succeeded", SyncAction.HookFailed => "Failed", _ => e.HookType is null ? null : "Running" },
            SyncPhase = e.Phase.ToString(),
        }).ToList();
}
