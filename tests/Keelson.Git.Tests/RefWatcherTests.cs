using System.Diagnostics;

namespace Keelson.Git.Tests;

/// <summary>The ref watch `keelson up` follows its repository with: a commit is told at once, other writes are not.</summary>
public sealed class RefWatcherTests : IDisposable
{
    private readonly TempDirectory directory = new("keelson-refs");

    [Fact]
    public async Task A_commit_by_git_itself_is_told_once_within_a_second()
    {
        var repo = directory.Path;
        LocalRepository.Init(repo);
        File.WriteAllText(Path.Combine(repo, "a.txt"), "one");
        LocalRepository.CommitAll(repo, "first");
        var told = 0;
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = RefWatcher.Start(repo, () =>
        {
            Interlocked.Increment(ref told);
            first.TrySetResult();
        });

        // Staging changes the index, not a ref: nothing to tell.
        File.WriteAllText(Path.Combine(repo, "a.txt"), "two");
        Git(repo, "add", "a.txt");
        await Task.Delay(RefWatcher.Quiet * 6);
        Assert.Equal(0, Volatile.Read(ref told));

        Git(repo, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "second");
        await first.Task.WaitAsync(TimeSpan.FromSeconds(1));
        await Task.Delay(RefWatcher.Quiet * 6);
        Assert.Equal(1, Volatile.Read(ref told));
    }

    [Fact]
    public void A_directory_that_is_no_repository_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => RefWatcher.Start(directory.Path, () => { }));
        Assert.Contains("not a Git repository", error.Message, StringComparison.Ordinal);
    }

    private static void Git(string repo, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = repo, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var git = Process.Start(info)!;
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, git.StandardError.ReadToEnd());
    }

    public void Dispose() => directory.Dispose();
}
