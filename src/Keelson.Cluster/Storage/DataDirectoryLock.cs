using System.Globalization;

namespace Keelson.Cluster.Storage;

/// <summary>
/// An exclusive, process-wide hold on a data directory (or one file in it), so that two processes never write the same
/// state: a second `keelson up` on the same directory fails at once instead of corrupting the first one's log.
/// </summary>
/// <remarks>
/// The hold is an advisory lock (flock) on a lock file opened without sharing. The operating system releases it
/// when the holder exits, however it exits, so a lock left by a killed process is simply taken over; the lock file's
/// presence means nothing by itself. Who holds it (PID and command) is written beside it, in a file of the same name
/// with the extension <c>.owner</c>, for the error the next process gives.
/// </remarks>
public sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _stream;

    private DataDirectoryLock(FileStream stream, string path)
    {
        _stream = stream;
        LockPath = path;
    }

    /// <summary>The lock file.</summary>
    public string LockPath { get; }

    /// <summary>
    /// Takes the lock file <paramref name="lockPath"/> (creating its directory), recording <paramref name="owner"/>
    /// (e.g. "keelson up") and this process's id as its holder.
    /// </summary>
    /// <exception cref="DataDirectoryInUseException">Another process holds it.</exception>
    public static DataDirectoryLock Acquire(string lockPath, string owner)
    {
        lockPath = Path.GetFullPath(lockPath);
        var directory = Path.GetDirectoryName(lockPath)!;
        Directory.CreateDirectory(directory);
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(lockPath))
        {
            var (holder, pid) = ReadOwner(OwnerPath(lockPath));
            throw new DataDirectoryInUseException(directory, holder, pid);
        }
        try
        {
            File.WriteAllText(OwnerPath(lockPath), string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}\n{owner}\n"));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return new DataDirectoryLock(stream, lockPath);
    }

    /// <summary>Takes the lock of a whole directory: its file <c>keelson.lock</c>.</summary>
    public static DataDirectoryLock AcquireDirectory(string directory, string owner) =>
        Acquire(Path.Combine(directory, "keelson.lock"), owner);

    /// <summary>Releases the lock (the owner file is left: it names no one once the lock is free).</summary>
    public void Dispose() => _stream.Dispose();

    private static string OwnerPath(string lockPath) => Path.ChangeExtension(lockPath, ".owner");

    private static (string? Owner, int? Pid) ReadOwner(string path)
    {
        try
        {
            var lines = File.ReadAllLines(path);
            int? pid = lines.Length > 0 && int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
            return (lines.Length > 1 && lines[1].Length > 0 ? lines[1] : null, pid);
        }
        catch (IOException)
        {
            return (null, null);
        }
    }
}
