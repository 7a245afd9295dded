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
/// "foregroundDeletion" finalizer) and orphaning (the "orphan" finalizer strips the references).
/// </summary>
internal sealed partial class GarbageCollector : IWriteObserver, IAsyncDisposable
{
    private readonly ResourceHandler _handler;
    private readonly ILogger _logger;
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private sealed record Work(ResourceType Type, JsonObject Owner, bool OwnerGone);

    public GarbageCollector(ResourceHandler handler, ILogger logger)
    {
        _handler = handler;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    public void Committed(ResourceType type, JsonObject? before, JsonObject? after)
    {
        if (after is null && before is not null)
        {
            _queue.Writer.TryWrite(new Work(type, before, OwnerGone: true));
        }
        else if (after?.GetPath("metadata", "deletionTimestamp") is not null && after.GetPath("metadata", "finalizers") is JsonArray f
                 && f.Any(x => x?.ToString() is "foregroundDeletion" or "orphan"))
        {
            _queue.Writer.TryWrite(new Work(type, after, OwnerGone: false));
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var work in _queue.Reader.ReadAllAsync(_stop.Token))
            {
                try
                {
                    await ProcessAsync(work);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(_logger, ResourceKey.Of(work.Owner).ToString(), ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task ProcessAsync(Work work)
    {
        var uid = work.Owner.GetUid();
        if (uid is null) return;
        var dependents = FindDependents(work.Type, work.Owner, uid);
        var finalizers = (work.Owner.GetPath("metadata", "finalizers") as JsonArray)?.Select(f => f?.ToString()).ToHashSet() ?? [];
        var ownerName = work.Owner.GetName()!;
        var ownerNs = work.Owner.GetNamespace();

        if (!work.OwnerGone && finalizers.Contains("orphan"))
        {
            foreach (var (type, dependent) in dependents) await DropReferenceAsync(type, dependent, uid);
            await _handler.RemoveFinalizerAsync(work.Type, ownerNs, ownerName, "orphan", _stop.Token);
            return;
        }

        foreach (var (type, dependent) in dependents)
        {
            var refs = dependent.GetPath("metadata", "ownerReferences") as JsonArray;
            if (refs is { Count: > 1 })
            {
                await DropReferenceAsync(type, dependent, uid);
                continue;
            }
            var propagation = work.OwnerGone ? "Background" : "Foreground";
            try
            {
                await _handler.DeleteObjectAsync(type, dependent.GetNamespace(), dependent.GetName()!, new DeleteOptionsInput(propagation), _stop.Token);
            }
            catch (ApiException ex) when (ex.Code == 404)
            {
                // Already gone.
            }
        }

        if (!work.OwnerGone && finalizers.Contains("foregroundDeletion"))
        {
            if (dependents.Count == 0)
            {
                await _handler.RemoveFinalizerAsync(work.Type, ownerNs, ownerName, "foregroundDeletion", _stop.Token);
            }
            else
            {
                // Dependents are on their way out (possibly behind finalizers of their own): look again shortly.
                _ = RequeueLaterAsync(work);
            }
        }
    }

    private async Task RequeueLaterAsync(Work work)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), _stop.Token);
            var current = _handler.Registry.Get(work.Type, work.Owner.GetNamespace(), work.Owner.GetName()!);
            if (current is not null && current.GetUid() == work.Owner.GetUid()) _queue.Writer.TryWrite(work with { Owner = current });
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private List<(ResourceType Type, JsonObject Object)> FindDependents(ResourceType ownerType, JsonObject owner, string uid)
    {
        var result = new List<(ResourceType, JsonObject)>();
        var ns = ownerType.Namespaced ? owner.GetNamespace() : null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in _handler.Catalog.All)
        {
            // Each resource is stored once, whatever the version; list it through one of them.
            if (!seen.Add($"{type.Group}/{type.Plural}")) continue;
            foreach (var candidate in _handler.Registry.List(type, type.Namespaced ? ns : null).Items)
            {
                if (candidate.GetPath("metadata", "ownerReferences") is JsonArray refs
                    && refs.OfType<JsonObject>().Any(r => r.GetString("uid") == uid))
                {
                    result.Add((type, candidate));
                }
            }
        }
        return result;
    }

    private Task DropReferenceAsync(ResourceType type, JsonObject dependent, string uid) =>
        _handler.MutateAsync(type, dependent.GetNamespace(), dependent.GetName()!, obj =>
        {
            if (obj.GetPath("metadata", "ownerReferences") is not JsonArray refs) return false;
            var keep = refs.OfType<JsonObject>().Where(r => r.GetString("uid") != uid).Select(r => r.DeepClone()).ToArray();
            if (keep.Length == refs.Count) return false;
            if (keep.Length == 0) obj.Metadata().Remove("ownerReferences");
            else obj.Metadata()["ownerReferences"] = new JsonArray(keep);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "garbage collection for {Owner} failed")]
    private static partial void LogFailed(ILogger logger, string owner, Exception exception);
}
