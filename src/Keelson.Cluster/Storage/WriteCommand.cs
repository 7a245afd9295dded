namespace Keelson.Cluster.Storage;

/// <summary>One conditional write waiting for the writer; completed after its batch has committed.</summary>
internal sealed class WriteCommand(WriteKind kind, string key, byte[]? value, long expectedModRevision, CancellationToken cancellationToken)
    : StoreCommand
{
    public WriteKind Kind => kind;

    public string Key => key;

    /// <summary>The new value (a private copy); null for deletes.</summary>
    public byte[]? Value => value;

    public long ExpectedModRevision => expectedModRevision;

    public CancellationToken CancellationToken => cancellationToken;

    public TaskCompletionSource<StoredEntry> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
