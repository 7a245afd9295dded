using System.Text.Json.Nodes;
using System.Threading.Channels;
using Keelson.Cluster.Controllers;

namespace Keelson.Cluster.Kubelet;

/// <summary>
/// Records events off the caller's path, a few at a time, as client-go's event broadcaster does: a status write never
/// waits for the events that describe it. Events are best effort; those still queued when stopped are dropped.
/// </summary>
public sealed class EventQueue
{
    private const int Writers = 4;

    private readonly Channel<Item> _items = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    private readonly ClusterClient _client;
    private readonly string _component;

    private sealed record Item(JsonObject Involved, string Type, string Reason, string Message);

    public EventQueue(ClusterClient client, string component)
    {
        _client = client;
        _component = component;
    }

    /// <summary>Queues an event about <paramref name="involved"/> (kind, apiVersion, namespace, name and uid are read from it).</summary>
    public void Post(JsonObject involved, string type, string reason, string message) =>
        _items.Writer.TryWrite(new Item(involved, type, reason, message));

    /// <summary>Writes queued events until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() => WriteAsync(cancellationToken), cancellationToken)));

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in _items.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await _client.Events.RecordAsync(item.Involved, item.Type, item.Reason, item.Message, _component, cancellationToken);
                }
                catch (InvalidOperationException)
                {
                    // Events are best effort: a write that keeps conflicting is dropped.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
