using Keelson.Resources;
using Microsoft.Extensions.Logging;

namespace Keelson.Cluster.Controllers.Informers;

/// <summary>
/// A controller built as kube-controller-manager's are: informers keep caches of the types it reads and turn changes
/// into keys on a <see cref="WorkQueue"/>; workers sync one key at a time against the caches and write through the
/// <see cref="ClusterClient"/>. Subclasses create their informers in <see cref="Start"/> and implement <see cref="SyncAsync"/>.
/// </summary>
internal abstract partial class QueueController(SharedInformers informers, ILogger logger) : IController
{
    private ClusterClient? _client;
    private WorkQueue? _queue;

    public abstract string Name { get; }

    protected ClusterClient Client => _client ?? throw new InvalidOperationException($"{Name} is not running");

    protected WorkQueue Queue => _queue ?? throw new InvalidOperationException($"{Name} is not running");

    /// <summary>How many keys sync at once.</summary>
    protected virtual int Workers => 4;

    protected CancellationToken Stopping { get; private set; }

    /// <summary>The shared informer of a type; register handlers with <see cref="Name"/> as subscriber.</summary>
    protected Informer SharedInformer(string group, string version, string plural) => informers.For(Client, group, version, plural);

    /// <summary>
    /// Gets the informers (wiring their handlers to the queue), the primary type first; called once per run, before
    /// any sync. Every object of the primary type is queued once the informers run.
    /// </summary>
    protected abstract IReadOnlyList<Informer> Start();

    /// <summary>Brings one object (by namespace and name) to its desired state. Throwing retries it with backoff.</summary>
    protected abstract Task SyncAsync(string? ns, string name, CancellationToken cancellationToken);

    /// <summary>Work before the informers start, e.g. creating built-in objects.</summary>
    protected virtual Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RunAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        _client = client;
        _queue = new WorkQueue(client.Time);
        Stopping = cancellationToken;
        await InitializeAsync(cancellationToken);
        var used = Start();
        foreach (var informer in used) informer.EnsureStarted(client, cancellationToken);
        foreach (var obj in used[0].List()) _queue.Add(WorkQueue.Key(obj.GetNamespace(), obj.GetName()!));
        await _queue.RunAsync(Workers, (key, ct) =>
        {
            var (ns, name) = WorkQueue.Split(key);
            return SyncAsync(ns, name, ct);
        }, (key, ex) => LogSyncFailed(logger, Name, key, ex), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Controller}: sync of {Key} failed and will be retried")]
    private static partial void LogSyncFailed(ILogger logger, string controller, string key, Exception exception);
}
