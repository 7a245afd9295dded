namespace Keelson.Engine.Sync;

/// <summary>The outcome of a sync: every object touched and what happened to it, in the order it happened.</summary>
public sealed class ChangeSet
{
    private readonly List<ChangeSetEntry> _entries = [];

    public IReadOnlyList<ChangeSetEntry> Entries => _entries;

    public bool Failed => _entries.Any(e => e.Action is SyncAction.Failed or SyncAction.HookFailed);

    public void Add(ChangeSetEntry entry)
    {
        lock (_entries) _entries.Add(entry);
    }
}
