using LibGit2Sharp;

namespace Keelson.Git.Tests;

/// <summary>
/// A real non-bare repository on disk playing the remote: files are written into its working directory and committed
/// with <see cref="LocalRepository"/>; branches, tags and force-pushes are made with LibGit2Sharp.
/// </summary>
public sealed class Upstream : IDisposable
{
    private readonly TempDirectory directory = new("keelson-upstream");

    public Upstream()
    {
        LocalRepository.Init(Path);
    }

    public string Path => directory.Path;

    public string FileUrl => "file://" + Path;

    public Upstream Write(string relative, string content)
    {
        var file = directory.Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return this;
    }

    public Upstream Delete(string relative)
    {
        File.Delete(directory.Combine(relative));
        return this;
    }

    public string Commit(string message) => LocalRepository.CommitAll(Path, message, "Ada Lovelace <ada@example.com>");

    public void Branch(string name, string? at = null)
    {
        using var repository = new Repository(Path);
        repository.CreateBranch(name, at ?? repository.Head.Tip.Sha);
    }

    public void DeleteBranch(string name)
    {
        using var repository = new Repository(Path);
        repository.Branches.Remove(name);
    }

    public void Checkout(string branch)
    {
        using var repository = new Repository(Path);
        Commands.Checkout(repository, branch);
    }

    public void LightweightTag(string name, string sha)
    {
        using var repository = new Repository(Path);
        repository.Tags.Add(name, sha);
    }

    public void AnnotatedTag(string name, string sha)
    {
        using var repository = new Repository(Path);
        repository.Tags.Add(name, sha, new Signature("Ada Lovelace", "ada@example.com", DateTimeOffset.Now), "release " + name);
    }

    /// <summary>Moves the current branch back to <paramref name="sha"/> (a force-push of older history).</summary>
    public void ResetHard(string sha)
    {
        using var repository = new Repository(Path);
        repository.Reset(ResetMode.Hard, sha);
    }

    public void Dispose() => directory.Dispose();
}
