namespace Keelson.Cluster.Storage;

/// <summary>A data directory another process holds (see <see cref="DataDirectoryLock"/>).</summary>
public sealed class DataDirectoryInUseException(string directory, string? owner, int? pid)
    : IOException($"data directory {directory} is in use by {(owner is null ? "another process" : $"`{owner}`")}{(pid is null ? "" : $" (PID {pid})")}")
{
    public string Directory => directory;

    public string? Owner => owner;

    public int? Pid => pid;
}
