using System.Text;
using Keelson.Kustomize;
using LibGit2Sharp;

namespace Keelson.Git;

/// <summary>
/// The files of one commit, read straight from the object database (no working copy), as an
/// <see cref="IFileView"/> for the renderer. The view is rooted at <see cref="Root"/>: paths are relative to it, a
/// leading '/' means the root too, "." and ".." are resolved lexically and a path that climbs above the root does
/// not exist (<see cref="Exists"/> is false; reading or listing it throws <see cref="GitException"/>).
/// Thread-safe. Dispose to release the repository handle promptly (finalizers release it otherwise).
/// </summary>
/// <remarks>
/// A kustomization that refers to siblings of its own directory (<c>resources: [../../base]</c>) needs a tree
/// rooted at the repository and the application path passed to the renderer: <c>Render(tree, "/overlays/dev")</c>.
/// Symbolic links are read as files holding the link target and submodules as empty entries (neither is followed).
/// </remarks>
public sealed class GitTree : IFileView, IDisposable
{
    private readonly Repository repository;
    private readonly Tree tree;
    private readonly Lock gate = new();
    private bool disposed;

    internal GitTree(Repository repository, Tree tree, string repoUrl, string commitSha, string root)
    {
        this.repository = repository;
        this.tree = tree;
        RepoUrl = repoUrl;
        CommitSha = commitSha;
        Root = root;
    }

    /// <summary>The repository URL, without credentials.</summary>
    public string RepoUrl { get; }

    /// <summary>The full SHA of the commit whose tree this is.</summary>
    public string CommitSha { get; }

    /// <summary>The path inside the repository this view is rooted at ("" for the repository root).</summary>
    public string Root { get; }

    public string ReadAllText(string path)
    {
        var entry = Find(path, out var relative) ?? throw new FileNotFoundException(
            $"'{Describe(relative ?? path)}' not found at commit {Short} of {RepoUrl}", path);
        if (entry.TargetType != TreeEntryTargetType.Blob)
            throw new FileNotFoundException($"'{Describe(relative!)}' is not a file at commit {Short} of {RepoUrl}", path);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var blob = (Blob)entry.Target;
            using var reader = new StreamReader(blob.GetContentStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
    }

    public bool Exists(string path) => TreePath.Normalize(path) is { } relative && (relative.Length == 0 || Lookup(relative) is not null);

    public bool IsDirectory(string path) =>
        TreePath.Normalize(path) is { } relative && (relative.Length == 0 || Lookup(relative)?.TargetType == TreeEntryTargetType.Tree);

    public IReadOnlyList<string> List(string directory)
    {
        var relative = TreePath.Normalize(directory) ?? throw Outside(directory);
        var entry = relative.Length == 0 ? null : Lookup(relative);
        if (relative.Length > 0 && entry?.TargetType != TreeEntryTargetType.Tree)
            throw new DirectoryNotFoundException($"'{Describe(relative)}' is not a directory at commit {Short} of {RepoUrl}");

        var prefix = (directory.StartsWith('/') ? "/" : "") + (relative.Length == 0 ? "" : relative + "/");
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var target = entry is null ? tree : (Tree)entry.Target;
            return target.Select(e => prefix + e.Name).Order(StringComparer.Ordinal).ToList();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            repository.Dispose();
        }
    }

    private string Short => CommitSha[..Math.Min(12, CommitSha.Length)];

    private TreeEntry? Find(string path, out string? relative)
    {
        relative = TreePath.Normalize(path);
        if (relative is null) throw Outside(path);
        return relative.Length == 0 ? null : Lookup(relative);
    }

    private TreeEntry? Lookup(string relative)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return tree[relative];
        }
    }

    private string Describe(string relative) => TreePath.Join(Root, relative);

    private GitException Outside(string path) => new(
        RepoUrl, GitFailure.PathOutsideTree,
        $"path '{path}' is outside the tree '{(Root.Length == 0 ? "/" : Root)}' at commit {Short} of {RepoUrl}");
}
