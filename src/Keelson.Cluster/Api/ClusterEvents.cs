using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;

namespace Keelson.Cluster.Api;

/// <summary>Reacts to committed writes inside the server (CRD registration, garbage collection, namespace cleanup).</summary>
public interface IWriteObserver
{
    /// <summary>Called after a write is durable. <paramref name="before"/> is null on create, <paramref name="after"/> null on delete. Must not block.</summary>
    void Committed(ResourceType type, JsonObject? before, JsonObject? after);
}

/// <summary>The observers of committed writes, called in registration order.</summary>
public sealed class ClusterEvents
{
    private readonly List<IWriteObserver> _observers = [];

    public void Subscribe(IWriteObserver observer) => _observers.Add(observer);

    public void Committed(ResourceType type, JsonObject? before, JsonObject? after)
    {
        foreach (var observer in _observers) observer.Committed(type, before, after);
    }
}
