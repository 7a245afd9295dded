namespace Keelson.Cluster.Storage;

/// <summary>
/// One page of the log read for a watch replay: the matching events, the newest revision scanned (the next
/// page starts after it) and whether more rows may follow.
/// </summary>
internal sealed record LogPage(IReadOnlyList<StoreEvent> Events, long LastRevision, bool More);
