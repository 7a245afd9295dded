namespace Keelson.Cluster.Storage;

public enum StoreEventType
{
    Created,
    Updated,
    Deleted,
}

/// <summary>
/// One change seen by a watch. For Deleted, <see cref="Entry"/> holds the last value with the delete's revision
/// as ModRevision. <see cref="Previous"/> is the value before the change (null for Created).
/// </summary>
public sealed record StoreEvent(StoreEventType Type, StoredEntry Entry, StoredEntry? Previous)
{
    public long Revision => Entry.ModRevision;
}
