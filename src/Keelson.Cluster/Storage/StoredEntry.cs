namespace Keelson.Cluster.Storage;

/// <summary>One key's value at a revision: created at <see cref="CreateRevision"/>, last written at <see cref="ModRevision"/>.</summary>
public sealed record StoredEntry(string Key, ReadOnlyMemory<byte> Value, long CreateRevision, long ModRevision);
