using System.Text.Json.Nodes;
using System.Threading.Channels;
using Keelson.Cluster.Api;
using Keelson.Cluster.Catalog;
using Keelson.Resources;
using Microsoft.Extensions.Logging;

namespace Keelson.Cluster.Controllers;

/// <summary>
/// Empties a terminating namespace: deletes everything in it, waits until it is gone, then removes the
/// "kubernetes" finalizer so the namespace itself goes.
/// </summary>
internal sealed partial class NamespaceController : IWriteObserver, IAsyncDisposable
{
    private readonly ResourceHandler _handler;
    private readonly ILogger _logger;
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public NamespaceController(ResourceHandler handler, ILogger logger)
    {
        _handler = handler;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    private ResourceType NamespaceType => _handler.Catalog.Find("", "v1", "namespaces")!;

    public void Committed(ResourceType type, JsonObject? before, JsonObject? after)
    {
        if (type.Group.Length == 0 && type.Plural == "namespaces" && after?.GetPath("metadata", "deletionTimestamp") is not null)
        {
            _queue.Writer.TryWrite(after.GetName()!);
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var ns in _queue.Reader.ReadAllAsync(_stop.Token))
            {
                try
                {
                    if (!await EmptyAsync(ns)) _ = RequeueLaterAsync(ns);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(_logger, ns, ex);
                    _ = RequeueLaterAsync(ns);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Deletes the namespace's content; true once it is empty and the namespace released.</summary>
    private async Task<bool> EmptyAsync(string ns)
    {
        var current = _handler.Registry.Get(NamespaceType, null, ns);
        if (current?.GetPath("metadata", "deletionTimestamp") is null) return true;
        var remaining = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in _handler.Catalog.All.Where(t => t.Namespaced))
        {
            if (!seen.Add($"{type.Group}/{type.Plural}")) continue;
            foreach (var obj in _handler.Registry.List(type, ns).Items)
            {
                remaining++;
                if (obj.GetPath("metadata", "deletionTimestamp") is not null) continue;
                try
                {
                    await _handler.DeleteObjectAsync(type, ns, obj.GetName()!, new DeleteOptionsInput("Background"), _stop.Token);
                }
                catch (ApiException ex) when (ex.Code == 404)
                {
                    // Gone meanwhile.
                }
            }
        }
        if (remaining > 0) return false;
        await _handler.MutateAsync(NamespaceType, null, ns, obj =>
        {
            if (obj.GetPath("spec", "finalizers") is not JsonArray list || list.Count == 0) return false;
            obj.EnsureObject("spec")["finalizers"] = new JsonArray(list.Where(f => f?.ToString() != "kubernetes").Select(f => f!.DeepClone()).ToArray());
            if (obj.GetPath("spec", "finalizers") is JsonArray { Count: 0 }) ((JsonObject)obj["spec"]!).Remove("finalizers");
            return true;
        }, _stop.Token);
        return true;
    }

    private async Task RequeueLaterAsync(string ns)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), _stop.Token);
            _queue.Writer.TryWrite(ns);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "emptying namespace {Namespace} failed")]
    private static partial void LogFailed(ILogger logger, string @namespace, Exception exception);
}
