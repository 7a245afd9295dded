namespace Keelson.Git;

/// <summary>What went wrong in a Git operation, so callers can map a failure to a condition without parsing messages.</summary>
public enum GitFailure
{
    /// <summary>The repository could not be reached or read (no such path, connection refused, not a repository, …).</summary>
    FetchFailed,

    /// <summary>The server asked for credentials and none were configured, or it rejected the ones sent.</summary>
    AuthenticationFailed,

    /// <summary>No branch, tag or commit matches the requested revision.</summary>
    RevisionNotFound,

    /// <summary>The commit does not contain the requested path, or it is not a directory where one was expected.</summary>
    PathNotFound,

    /// <summary>A path would leave the tree it is read from (a <c>..</c> above the root).</summary>
    PathOutsideTree,
}
