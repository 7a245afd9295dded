using Keelson.Cluster.Storage;

namespace Keelson.Cluster.Tests.Storage;

public sealed class DataDirectoryLockTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("keelson-lock-").FullName;

    [Fact]
    public void A_held_directory_is_refused_naming_its_owner_and_pid_and_is_free_again_once_released()
    {
        using (DataDirectoryLock.AcquireDirectory(_dir, "keelson up"))
        {
            var refused = Assert.Throws<DataDirectoryInUseException>(() => DataDirectoryLock.AcquireDirectory(_dir, "keelson cluster start"));
            Assert.Equal($"data directory {_dir} is in use by `keelson up` (PID {Environment.ProcessId})", refused.Message);
            Assert.Equal(Environment.ProcessId, refused.Pid);
        }
        using var again = DataDirectoryLock.AcquireDirectory(_dir, "keelson cluster start");
        Assert.True(File.Exists(again.LockPath));
    }

    [Fact]
    public async Task A_store_refuses_a_database_that_is_open_elsewhere_and_keeps_working()
    {
        var path = Path.Combine(_dir, "state.db");
        await using var first = SqliteStore.Open(path, new SqliteStoreOptions { Owner = "first" });
        var refused = Assert.Throws<DataDirectoryInUseException>(() => SqliteStore.Open(path));
        Assert.Contains("is in use by `first`", refused.Message, StringComparison.Ordinal);
        await first.CreateAsync("/registry/a", "v"u8.ToArray());
        Assert.NotNull(first.Get("/registry/a"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
