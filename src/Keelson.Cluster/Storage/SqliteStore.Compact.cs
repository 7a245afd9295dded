using Microsoft.Data.Sqlite;

namespace Keelson.Cluster.Storage;

public sealed partial class SqliteStore
{
    /// <summary>The number of revisions the background compactor keeps unless told otherwise.</summary>
    public const long DefaultKeepRevisions = 1_000;

    /// <inheritdoc />
    /// <remarks>Blocks until the writer has run the compaction; prefer <see cref="CompactAsync"/> on async paths.</remarks>
    public void Compact(long keepRevisions) => CompactAsync(keepRevisions).GetAwaiter().GetResult();

    /// <summary>
    /// Compacts at <c>CurrentRevision - keepRevisions</c>: removes every row at or below that revision that a newer row
    /// at or below it supersedes, and deletes that are the newest row of their key, then records the revision as
    /// <see cref="CompactedRevision"/>. Reads at any later revision are unaffected. Returns the compacted revision.
    /// </summary>
    public Task<long> CompactAsync(long keepRevisions, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keepRevisions);
        var command = new CompactCommand(keepRevisions);
        if (!_commands.Writer.TryWrite(command))
            return Task.FromException<long>(new ObjectDisposedException(nameof(SqliteStore)));
        return command.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Starts compacting every <paramref name="interval"/>, keeping the newest <paramref name="keepRevisions"/>
    /// revisions. The compactor stops when the store is disposed; a failed compaction is retried at the next tick.
    /// </summary>
    public void StartCompactor(TimeSpan interval, long keepRevisions = DefaultKeepRevisions, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(keepRevisions);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var timer = new PeriodicTimer(interval, timeProvider ?? TimeProvider.System);
        if (Interlocked.CompareExchange(ref _compactor, RunCompactorAsync(timer, keepRevisions, _shutdown.Token), null) is not null)
            throw new InvalidOperationException("the compactor is already running");
    }

    /// <summary>The error of the last background compaction, or null when it succeeded (or none ran yet).</summary>
    public Exception? LastCompactionError { get; private set; }

    private async Task RunCompactorAsync(PeriodicTimer timer, long keepRevisions, CancellationToken cancellationToken)
    {
        // Yield first so StartCompactor publishes the task before the loop can observe anything.
        await Task.Yield();
        using (timer)
        {
            try
            {
                while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                {
                    try
                    {
                        await CompactAsync(keepRevisions, cancellationToken).ConfigureAwait(false);
                        LastCompactionError = null;
                    }
                    catch (Exception ex) when (ex is SqliteException or ObjectDisposedException)
                    {
                        LastCompactionError = ex;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>Runs on the writer thread, between batches.</summary>
    private void RunCompaction(CompactCommand command)
    {
        var target = Math.Max(0, _currentRevision - command.KeepRevisions);
        if (target <= _compactedRevision)
        {
            command.Completion.TrySetResult(_compactedRevision);
            return;
        }

        try
        {
            lock (_connectionGate)
            {
                using var transaction = _writeConnection.BeginTransaction();
                using (var delete = _writeConnection.CreateCommand())
                {
                    delete.Transaction = transaction;
                    delete.CommandText = """
                        DELETE FROM kine
                        WHERE id <= $target
                          AND (deleted = 1
                               OR EXISTS (SELECT 1 FROM kine AS newer
                                          WHERE newer.name = kine.name AND newer.id > kine.id AND newer.id <= $target))
                        """;
                    delete.Parameters.AddWithValue("$target", target);
                    delete.ExecuteNonQuery();
                }
                using (var record = _writeConnection.CreateCommand())
                {
                    record.Transaction = transaction;
                    record.CommandText = "UPDATE kine_compaction SET revision = $target WHERE id = 1";
                    record.Parameters.AddWithValue("$target", target);
                    record.ExecuteNonQuery();
                }
                transaction.Commit();
            }
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
        {
            command.Completion.TrySetException(ex);
            return;
        }

        // Deletes at or below the target are gone from the log, so their keys start afresh (prev_revision 0).
        foreach (var (key, head) in _heads)
        {
            if (head.Live is null && head.Revision <= target)
                _heads.Remove(key);
        }
        Volatile.Write(ref _compactedRevision, target);
        command.Completion.TrySetResult(target);
    }
}
