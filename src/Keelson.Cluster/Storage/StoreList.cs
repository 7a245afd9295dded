namespace Keelson.Cluster.Storage;

/// <summary>The result of a list: the entries and the revision they were read at.</summary>
public sealed record StoreList(IReadOnlyList<StoredEntry> Items, long Revision);
