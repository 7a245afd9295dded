namespace Keelson.Git;

/// <summary>
/// Watches a repository on local disk for changes to its refs — a commit, a reset, a branch or tag created or moved,
/// a fetch or a gc that packs refs — and calls back once per burst of changes. This is how `keelson up` follows a
/// commit in its seeded repository at once instead of waiting for the poll.
/// </summary>
/// <remarks>
/// Git moves a ref by writing <c>NAME.lock</c> and renaming it over <c>NAME</c>, so every ref change is a create or a
/// rename under <c>.git/refs</c>, of <c>.git/packed-refs</c> or of <c>.git/HEAD</c>. A burst (a commit touches the
/// branch, HEAD's log and the index) is reported once, <see cref="Quiet"/> after its last change. The callback runs
/// on a thread-pool thread and must not throw.
/// </remarks>
public sealed class RefWatcher : IDisposable
{
    private readonly FileSystemWatcher _refs;
    private readonly FileSystemWatcher _top;
    private readonly Action _changed;
    private readonly Timer _debounce;

    private RefWatcher(string gitDirectory, Action changed)
    {
        _changed = changed;
        _debounce = new Timer(_ => _changed(), null, Timeout.Infinite, Timeout.Infinite);
        _refs = new FileSystemWatcher(Path.Combine(gitDirectory, "refs")) { IncludeSubdirectories = true };
        _top = new FileSystemWatcher(gitDirectory) { IncludeSubdirectories = false };
        foreach (var watcher in new[] { _refs, _top })
        {
            watcher.NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.DirectoryName;
            watcher.Created += OnChange;
            watcher.Changed += OnChange;
            watcher.Renamed += OnChange;
            watcher.Deleted += OnChange;
            watcher.EnableRaisingEvents = true;
        }
    }

    /// <summary>How long after the last change of a burst the callback runs.</summary>
    public static TimeSpan Quiet { get; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Starts watching the repository whose working directory (or git directory) is <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">There is no repository at <paramref name="path"/>.</exception>
    public static RefWatcher Start(string path, Action changed)
    {
        var gitDirectory = Directory.Exists(Path.Combine(path, ".git")) ? Path.Combine(path, ".git") : path;
        if (!Directory.Exists(Path.Combine(gitDirectory, "refs")))
            throw new ArgumentException($"{path}: not a Git repository (no refs directory)", nameof(path));
        return new RefWatcher(gitDirectory, changed);
    }

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        // At the top of .git only HEAD and packed-refs are refs; the index, logs and objects change on their own.
        if (sender == _top && e.Name is not ("HEAD" or "packed-refs")) return;
        // A lock file is the first half of a change; its rename over the ref is the second.
        if (e.Name?.EndsWith(".lock", StringComparison.Ordinal) == true) return;
        _debounce.Change(Quiet, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _refs.Dispose();
        _top.Dispose();
        _debounce.Dispose();
    }
}
