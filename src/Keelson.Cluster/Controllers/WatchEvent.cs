using System.Text.Json.Nodes;

namespace Keelson.Cluster.Controllers;

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>One change seen by <see cref="ClusterClient.WatchAsync"/>: the object now (for Deleted, its last state) and before.</summary>
public sealed record WatchEvent(WatchEventType Type, JsonObject Object, JsonObject? Previous);
