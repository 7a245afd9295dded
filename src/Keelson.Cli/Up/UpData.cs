using Keelson.Cluster.Storage;

namespace Keelson.Cli.Up;

/// <summary>
/// The data directory of `keelson up` and what lives in it: the cluster's state, the seeded Git repository, the Git
/// cache, the kubeconfig it merged, and which kubectl context was current before it switched. One process at a time
/// owns it (<see cref="DataDirectoryLock"/>).
/// </summary>
public sealed class UpData(string root)
{
    /// <summary>The kubeconfig context (and cluster and user) `keelson up` adds.</summary>
    public const string ContextName = "keelson";

    /// <summary>How the lock names the owner in the error a second process gives.</summary>
    public const string Owner = "keelson up";

    public static string DefaultRoot => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".keelson", "up");

    public string Root { get; } = Path.GetFullPath(root);

    public string Cluster => Path.Combine(Root, "cluster");

    public string Repository => Path.Combine(Root, "repo");

    public string GitCache => Path.Combine(Root, "git-cache");

    /// <summary>The cluster's own kubeconfig, before any merge.</summary>
    public string Kubeconfig => Path.Combine(Root, "kubeconfig");

    /// <summary>Where the merged kubeconfig went and the context that was current in it before: two lines.</summary>
    private string MergeRecord => Path.Combine(Root, "kubeconfig-merged");

    /// <summary>Takes the directory for this process (<see cref="DataDirectoryInUseException"/> if another has it).</summary>
    public DataDirectoryLock Lock()
    {
        Directory.CreateDirectory(Root);
        return DataDirectoryLock.AcquireDirectory(Root, Owner);
    }

    /// <summary>Remembers that the context was merged into <paramref name="kubeconfig"/>, where <paramref name="previous"/> was current.</summary>
    public void RecordMerge(string kubeconfig, string? previous)
    {
        // A resumed run finds its own context current: the one before the first run is what to go back to.
        if (ReadMerge() is { } earlier && earlier.Kubeconfig == kubeconfig && previous == ContextName) previous = earlier.Previous;
        File.WriteAllLines(MergeRecord, [kubeconfig, previous ?? ""]);
    }

    /// <summary>Where the context was merged and what was current before, if a run merged one.</summary>
    public (string Kubeconfig, string? Previous)? ReadMerge()
    {
        if (!File.Exists(MergeRecord)) return null;
        var lines = File.ReadAllLines(MergeRecord);
        if (lines.Length == 0 || lines[0].Length == 0) return null;
        return (lines[0], lines.Length > 1 && lines[1].Length > 0 ? lines[1] : null);
    }

    /// <summary>
    /// Removes everything `keelson up` made: its context in the kubeconfig it merged into (the previous context made
    /// current again) and the data directory. The caller holds the lock; it is released and the lock files go too.
    /// Returns what was done, one line each.
    /// </summary>
    public List<string> Purge(DataDirectoryLock held)
    {
        var done = new List<string>();
        if (ReadMerge() is { } merge && KubeconfigMerge.Remove(merge.Kubeconfig, ContextName, merge.Previous))
        {
            var now = KubeconfigMerge.CurrentContext(merge.Kubeconfig);
            done.Add($"removed context {ContextName} from {merge.Kubeconfig}" + (now is null ? "" : $"; current context is {now} again"));
        }
        held.Dispose();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
            done.Add($"removed {Root}");
        }
        return done;
    }
}
