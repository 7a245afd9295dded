using System.Text.RegularExpressions;
using LibGit2Sharp;

namespace Keelson.Git;

/// <summary>
/// A non-bare repository on local disk, for tests and <c>keelson up</c>: create one and commit its working directory.
/// </summary>
public static partial class LocalRepository
{
    /// <summary>The author used when none is given.</summary>
    public const string DefaultAuthor = "Keelson <keelson@localhost>";

    /// <summary>
    /// Creates a repository in <paramref name="path"/> (the directory is created when missing) whose first branch is
    /// <paramref name="initialBranch"/>. An existing repository is left as it is.
    /// </summary>
    public static void Init(string path, string initialBranch = "main")
    {
        if (Repository.IsValid(path)) return;
        Directory.CreateDirectory(path);
        var gitDirectory = Repository.Init(path);
        // HEAD of a repository without commits names a branch that does not exist yet, which LibGit2Sharp's ref
        // API refuses to point at; the file is the symbolic ref.
        File.WriteAllText(Path.Combine(gitDirectory, "HEAD"), $"ref: refs/heads/{initialBranch}\n");
    }

    /// <summary>
    /// Stages everything in the working directory (new, changed and deleted files) and commits it on the current
    /// branch, returning the commit's SHA. When nothing changed, nothing is committed and the current commit's SHA is
    /// returned. <paramref name="author"/> is <c>Name &lt;email&gt;</c>.
    /// </summary>
    public static string CommitAll(string path, string message, string author = DefaultAuthor, DateTimeOffset? when = null)
    {
        using var repository = new Repository(path);
        Commands.Stage(repository, "*");
        var head = repository.Head.Tip;
        if (head is not null && repository.Index.WriteToTree().Sha == head.Tree.Sha) return head.Sha;
        var signature = Signature(author, when ?? DateTimeOffset.Now);
        return repository.Commit(message, signature, signature).Sha;
    }

    /// <summary>
    /// Sets <c>user.name</c> and <c>user.email</c> in the repository's own config (<c>.git/config</c>) unless it
    /// already has them, so that `git commit` works there even where no global identity is configured.
    /// </summary>
    public static void EnsureIdentity(string path, string name, string email)
    {
        using var repository = new Repository(path);
        if (repository.Config.Get<string>("user.name", ConfigurationLevel.Local) is null) repository.Config.Set("user.name", name, ConfigurationLevel.Local);
        if (repository.Config.Get<string>("user.email", ConfigurationLevel.Local) is null) repository.Config.Set("user.email", email, ConfigurationLevel.Local);
    }

    private static Signature Signature(string author, DateTimeOffset when)
    {
        var match = NameAndEmail().Match(author);
        if (!match.Success) throw new ArgumentException($"author '{author}' is not 'Name <email>'", nameof(author));
        return new Signature(match.Groups[1].Value.Trim(), match.Groups[2].Value, when);
    }

    [GeneratedRegex("^(.+?)\\s*<([^>]*)>$")]
    private static partial Regex NameAndEmail();
}
