namespace Keelson.Cluster.Storage;

/// <summary>A compaction, run by the writer between batches so it never races a write.</summary>
internal sealed class CompactCommand(long keepRevisions) : StoreCommand
{
    public long KeepRevisions => keepRevisions;

    /// <summary>Completes with the compacted revision after the compaction has committed.</summary>
    public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
