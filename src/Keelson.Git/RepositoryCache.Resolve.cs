using LibGit2Sharp;

namespace Keelson.Git;

public sealed partial class RepositoryCache
{
    /// <summary>The ref the remote's HEAD is fetched into (a bare clone's own HEAD is not the remote's).</summary>
    internal const string RemoteHead = "refs/keelson/HEAD";

    // Argo CD's order: HEAD, a ref by full or short name (branches before tags), then a commit SHA, full or abbreviated.
    private static Commit Resolve(Repository repository, string display, string revision)
    {
        if (revision.Length == 0 || revision == "HEAD")
        {
            return Peel(repository, repository.Refs[RemoteHead]) ?? throw new GitException(
                display, GitFailure.RevisionNotFound, $"revision 'HEAD' not found in {display}: the repository has no HEAD (is it empty?)");
        }

        var candidates = revision.StartsWith("refs/", StringComparison.Ordinal)
            ? [revision]
            : new[] { "refs/heads/" + revision, "refs/tags/" + revision };
        foreach (var name in candidates)
        {
            if (repository.Refs[name] is { } reference)
            {
                return Peel(repository, reference) ?? throw new GitException(
                    display, GitFailure.RevisionNotFound, $"revision '{revision}' in {display} does not point to a commit");
            }
        }

        if (ShortSha().IsMatch(revision) && LookupCommit(repository, display, revision) is { } commit) return commit;

        throw new GitException(display, GitFailure.RevisionNotFound, $"revision '{revision}' not found in {display}: no branch, tag or commit by that name");
    }

    private static Commit? Peel(Repository repository, Reference? reference)
    {
        if (reference?.ResolveToDirectReference()?.TargetIdentifier is not { } target) return null;
        return ToCommit(repository.Lookup(target));
    }

    /// <summary>The commit an object is or (through annotated tags) points to; null for trees and blobs.</summary>
    private static Commit? ToCommit(GitObject? target)
    {
        while (target is TagAnnotation tag) target = tag.Target;
        return target as Commit;
    }

    private static Commit? LookupCommit(Repository repository, string display, string sha)
    {
        try
        {
            return ToCommit(repository.Lookup(sha));
        }
        catch (AmbiguousSpecificationException e)
        {
            throw new GitException(display, GitFailure.RevisionNotFound, $"revision '{sha}' is ambiguous in {display}: more than one object starts with it", e);
        }
    }
}
