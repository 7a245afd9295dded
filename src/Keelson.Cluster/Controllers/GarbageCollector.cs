using System.Text.Json.Nodes;
using System.Threading.Channels;
using Keelson.Cluster.Api;
using Keelson.Cluster.Catalog;
using Keelson.Resources;
using Microsoft.Extensions.Logging;

namespace Keelson.Cluster.Controllers;

/// <summary>
/// Deletes dependents of deleted owners (ownerReferences), as kube-controller-manager's garbage collector does:
/// background deletion after the owner is gone, foreground deletion (the owner waits behind the
/// "foregroundDeletion" finalizer until no dependent with blockOwnerDeletion is left) and orphaning (the "orphan"
/// finalizer strips the references).
/// </summary>
/// <remarks>
/// Work is keyed and deduplicated, and always decided on the current stored state, never on the event that queued it:
/// an owner being deleted in foreground is looked at again whenever one of its dependents is created, changes its
/// ownerReferences or goes (and, as a safety net, on a backoff while blocking dependents remain); a new dependent
/// whose owner is gone or being deleted in foreground is deleted itself. A failed step is retried, never dropped.
/// </remarks>
internal sealed partial class GarbageCollector : IWriteObserver, IAsyncDisposable
{
    private const string ForegroundDeletion = "foregroundDeletion";
    private const string Orphan = "orphan";
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    private readonly ResourceHandler _handler;
    private readonly ILogger _logger;
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>();
    private readonly Lock _lock = new();
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _backoff = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>What to look at.</summary>
    private enum WorkKind
    {
        /// <summary>An object being deleted with the foregroundDeletion or orphan finalizer.</summary>
        Owner,

        /// <summary>An object with ownerReferences: are its owners still there, or deleting in foreground?</summary>
        Dependent,

        /// <summary>An object just removed from storage: its dependents lose their owner.</summary>
        Gone,
    }

    /// <summary>One object to look at: its type and identity (<paramref name="Snapshot"/> is the last state of a gone one).</summary>
    private sealed record Work(WorkKind Kind, ResourceType Type, string? Namespace, string Name, string Uid, JsonObject? Snapshot = null)
    {
        public string Key => $"{Kind}|{Type.Group}/{Type.Plural}|{Namespace}|{Name}|{Uid}";
    }

    public GarbageCollector(ResourceHandler handler, ILogger logger)
    {
        _handler = handler;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    public void Committed(ResourceType type, JsonObject? before, JsonObject? after)
    {
        var current = after ?? before;
        if (current?.GetUid() is not { } uid || current.GetName() is not { } name) return;
        var ns = current.GetNamespace();
        if (after is null)
        {
            Enqueue(new Work(WorkKind.Gone, type, ns, name, uid, before));
        }
        else if (after.GetPath("metadata", "deletionTimestamp") is not null && HasFinalizer(after, ForegroundDeletion, Orphan))
        {
            Enqueue(new Work(WorkKind.Owner, type, ns, name, uid));
        }

        // A dependent that appears, goes or changes its references may be what an owner deleting in foreground waits for.
        var beforeRefs = before?.GetPath("metadata", "ownerReferences") as JsonArray;
        var afterRefs = after?.GetPath("metadata", "ownerReferences") as JsonArray;
        if (beforeRefs is null && afterRefs is null) return;
        if (before is not null && after is not null && JsonNode.DeepEquals(beforeRefs, afterRefs)) return;
        if (after is not null && afterRefs is not null) Enqueue(new Work(WorkKind.Dependent, type, ns, name, uid));
        foreach (var reference in (beforeRefs ?? []).Concat(afterRefs ?? []).OfType<JsonObject>())
        {
            if (ResolveOwner(type, ns, reference) is { } owner) Enqueue(owner);
        }
    }

    private void Enqueue(Work work)
    {
        lock (_lock)
        {
            if (!_pending.Add(work.Key)) return;
        }
        _queue.Writer.TryWrite(work);
    }

    private async Task RunAsync()
    {
        try
        {
            Resync();
            await foreach (var work in _queue.Reader.ReadAllAsync(_stop.Token))
            {
                lock (_lock)
                {
                    _pending.Remove(work.Key);
                }
                bool done;
                try
                {
                    done = await ProcessAsync(work);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(_logger, $"{work.Type.Kind} {work.Namespace}/{work.Name}", ex);
                    done = false;
                }
                if (done) Forget(work);
                else RetryLater(work);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>On start: owners already deleting and dependents whose owners went while nobody watched.</summary>
    private void Resync()
    {
        foreach (var type in DistinctTypes())
        {
            foreach (var obj in _handler.Registry.List(type, null).Items)
            {
                if (obj.GetUid() is not { } uid || obj.GetName() is not { } name) continue;
                if (obj.GetPath("metadata", "deletionTimestamp") is not null && HasFinalizer(obj, ForegroundDeletion, Orphan))
                {
                    Enqueue(new Work(WorkKind.Owner, type, obj.GetNamespace(), name, uid));
                }
                if (obj.GetPath("metadata", "ownerReferences") is JsonArray)
                {
                    Enqueue(new Work(WorkKind.Dependent, type, obj.GetNamespace(), name, uid));
                }
            }
        }
    }

    private void Forget(Work work)
    {
        lock (_lock)
        {
            _backoff.Remove(work.Key);
        }
    }

    /// <summary>Looks at the work again after a backoff (100 ms doubling to 5 s), unless an event queues it sooner.</summary>
    private void RetryLater(Work work)
    {
        TimeSpan delay;
        lock (_lock)
        {
            delay = _backoff.TryGetValue(work.Key, out var last) ? TimeSpan.FromTicks(Math.Min(last.Ticks * 2, LastRetry.Ticks)) : FirstRetry;
            _backoff[work.Key] = delay;
        }
        _ = RetryAsync(work, delay);
    }

    private async Task RetryAsync(Work work, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stop.Token);
            Enqueue(work);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Does one piece of work; false when it must be looked at again later.</summary>
    private Task<bool> ProcessAsync(Work work) => work.Kind switch
    {
        WorkKind.Owner => ProcessOwnerAsync(work),
        WorkKind.Dependent => ProcessDependentAsync(work),
        _ => ProcessGoneAsync(work),
    };

    private async Task<bool> ProcessOwnerAsync(Work work)
    {
        var owner = _handler.Registry.Get(work.Type, work.Namespace, work.Name);
        if (owner is null || owner.GetUid() != work.Uid || owner.GetPath("metadata", "deletionTimestamp") is null) return true;

        if (HasFinalizer(owner, Orphan))
        {
            foreach (var (type, dependent) in FindDependents(work.Type, work.Namespace, work.Uid))
            {
                await RewriteReferencesAsync(type, dependent, refs => refs.Where(r => r.GetString("uid") != work.Uid));
            }
            await _handler.RemoveFinalizerAsync(work.Type, work.Namespace, work.Name, Orphan, _stop.Token);
            return true;
        }
        if (!HasFinalizer(owner, ForegroundDeletion)) return true;

        foreach (var (type, dependent) in FindDependents(work.Type, work.Namespace, work.Uid))
        {
            await CollectAsync(type, dependent);
        }

        // Decide on what is stored now: dependents deleted at once are gone, those behind finalizers or a grace period
        // still block (their removal queues this owner again).
        var blocking = FindDependents(work.Type, work.Namespace, work.Uid)
            .Where(d => ReferencesTo(d.Object, work.Uid).Any(r => IsTrue(r["blockOwnerDeletion"])))
            .ToList();
        if (blocking.Count > 0) return false;
        await _handler.RemoveFinalizerAsync(work.Type, work.Namespace, work.Name, ForegroundDeletion, _stop.Token);
        return true;
    }

    private async Task<bool> ProcessDependentAsync(Work work)
    {
        var dependent = _handler.Registry.Get(work.Type, work.Namespace, work.Name);
        if (dependent is null || dependent.GetUid() != work.Uid) return true;
        await CollectAsync(work.Type, dependent);
        return true;
    }

    private async Task<bool> ProcessGoneAsync(Work work)
    {
        foreach (var (type, dependent) in FindDependents(work.Type, work.Namespace, work.Uid))
        {
            await CollectAsync(type, dependent);
        }
        return true;
    }

    /// <summary>How a dependent stands towards one of its owners.</summary>
    private enum OwnerState
    {
        /// <summary>There and not deleting in foreground (or not known to this server): the dependent stays.</summary>
        Solid,

        /// <summary>Being deleted in foreground: waits for its dependents.</summary>
        Waiting,

        /// <summary>No longer there (or replaced by a newer object of the same name).</summary>
        Absent,
    }

    /// <summary>
    /// attemptToDeleteItem: a dependent with a solid owner stays but drops references to absent owners and stops blocking
    /// owners deleting in foreground; one without is deleted (in foreground when an owner waits for it). A dependent
    /// already being deleted is left to finish.
    /// </summary>
    private async Task CollectAsync(ResourceType type, JsonObject dependent)
    {
        if (dependent.GetPath("metadata", "deletionTimestamp") is not null) return;
        if (dependent.GetPath("metadata", "ownerReferences") is not JsonArray refs || refs.Count == 0) return;
        var ns = dependent.GetNamespace();
        var states = refs.OfType<JsonObject>().Select(r => (Ref: r, State: StateOf(type, ns, r))).ToList();
        if (states.All(s => s.State == OwnerState.Solid)) return;

        if (states.Any(s => s.State == OwnerState.Solid))
        {
            var absent = states.Where(s => s.State == OwnerState.Absent).Select(s => s.Ref.GetString("uid")).ToHashSet(StringComparer.Ordinal);
            var waiting = states.Where(s => s.State == OwnerState.Waiting).Select(s => s.Ref.GetString("uid")).ToHashSet(StringComparer.Ordinal);
            await RewriteReferencesAsync(type, dependent, list => list
                .Where(r => !absent.Contains(r.GetString("uid")))
                .Select(r =>
                {
                    if (!waiting.Contains(r.GetString("uid")) || !IsTrue(r["blockOwnerDeletion"])) return r;
                    var unblocked = (JsonObject)r.DeepClone();
                    unblocked["blockOwnerDeletion"] = false;
                    return unblocked;
                }));
            return;
        }

        var propagation = states.Any(s => s.State == OwnerState.Waiting) ? "Foreground" : "Background";
        try
        {
            await _handler.DeleteObjectAsync(type, ns, dependent.GetName()!, new DeleteOptionsInput(propagation, PreconditionUid: dependent.GetUid()), _stop.Token);
        }
        catch (ApiException ex) when (ex.Code is 404 or 409)
        {
            // Already gone, or replaced by a newer object of the same name.
        }
    }

    private OwnerState StateOf(ResourceType dependentType, string? ns, JsonObject reference)
    {
        var ownerType = OwnerType(reference);
        if (ownerType is null || reference.GetString("name") is not { } name || reference.GetString("uid") is not { } uid) return OwnerState.Solid;
        // A namespaced owner of a cluster-scoped object is not valid; leave such a reference alone.
        if (ownerType.Namespaced && !dependentType.Namespaced) return OwnerState.Solid;
        var owner = _handler.Registry.Get(ownerType, ownerType.Namespaced ? ns : null, name);
        if (owner is null || owner.GetUid() != uid) return OwnerState.Absent;
        return owner.GetPath("metadata", "deletionTimestamp") is not null && HasFinalizer(owner, ForegroundDeletion) ? OwnerState.Waiting : OwnerState.Solid;
    }

    /// <summary>The owner a reference names, as work (only when it is being deleted in foreground, else null).</summary>
    private Work? ResolveOwner(ResourceType dependentType, string? ns, JsonObject reference)
    {
        if (OwnerType(reference) is not { } ownerType || reference.GetString("name") is not { } name || reference.GetString("uid") is not { } uid) return null;
        if (ownerType.Namespaced && !dependentType.Namespaced) return null;
        var ownerNs = ownerType.Namespaced ? ns : null;
        var owner = _handler.Registry.Get(ownerType, ownerNs, name);
        if (owner is null || owner.GetUid() != uid || owner.GetPath("metadata", "deletionTimestamp") is null || !HasFinalizer(owner, ForegroundDeletion)) return null;
        return new Work(WorkKind.Owner, ownerType, ownerNs, name, uid);
    }

    /// <summary>The served type of a reference's apiVersion and kind (any served version of its group); null when unknown.</summary>
    private ResourceType? OwnerType(JsonObject reference)
    {
        if (reference.GetString("apiVersion") is not { } apiVersion || reference.GetString("kind") is not { } kind) return null;
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        return _handler.Catalog.FindByKind(new GroupVersionKind(group, version, kind))
            ?? _handler.Catalog.All.FirstOrDefault(t => t.Group == group && t.Kind == kind);
    }

    private IEnumerable<ResourceType> DistinctTypes()
    {
        // Each resource is stored once, whatever the version; list it through one of them.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return _handler.Catalog.All.Where(type => seen.Add($"{type.Group}/{type.Plural}")).ToList();
    }

    private List<(ResourceType Type, JsonObject Object)> FindDependents(ResourceType ownerType, string? ownerNs, string uid)
    {
        var result = new List<(ResourceType, JsonObject)>();
        var ns = ownerType.Namespaced ? ownerNs : null;
        foreach (var type in DistinctTypes())
        {
            foreach (var candidate in _handler.Registry.List(type, type.Namespaced ? ns : null).Items)
            {
                if (ReferencesTo(candidate, uid).Any()) result.Add((type, candidate));
            }
        }
        return result;
    }

    private static IEnumerable<JsonObject> ReferencesTo(JsonObject obj, string uid) =>
        obj.GetPath("metadata", "ownerReferences") is JsonArray refs ? refs.OfType<JsonObject>().Where(r => r.GetString("uid") == uid) : [];

    private static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static bool HasFinalizer(JsonObject obj, params string[] finalizers) =>
        obj.GetPath("metadata", "finalizers") is JsonArray list && list.Any(f => f?.ToString() is { } name && finalizers.Contains(name));

    /// <summary>Replaces a dependent's ownerReferences by what <paramref name="rewrite"/> makes of them (if that differs).</summary>
    private Task RewriteReferencesAsync(ResourceType type, JsonObject dependent, Func<IEnumerable<JsonObject>, IEnumerable<JsonObject>> rewrite) =>
        _handler.MutateAsync(type, dependent.GetNamespace(), dependent.GetName()!, obj =>
        {
            if (obj.GetUid() != dependent.GetUid() || obj.GetPath("metadata", "ownerReferences") is not JsonArray refs) return false;
            var next = new JsonArray(rewrite(refs.OfType<JsonObject>()).Select(r => r.DeepClone()).ToArray());
            if (JsonNode.DeepEquals(next, refs)) return false;
            if (next.Count == 0) obj.Metadata().Remove("ownerReferences");
            else obj.Metadata()["ownerReferences"] = next;
            return true;
        }, _stop.Token);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "garbage collection for {Item} failed; retrying")]
    private static partial void LogFailed(ILogger logger, string item, Exception exception);
}
