namespace Keelson.Git;

/// <summary>
/// A Git operation failed. The message names the repository (<see cref="RepoUrl"/>, always without credentials) and
/// the revision or path involved; <see cref="Failure"/> says which kind of failure it is.
/// </summary>
public sealed class GitException : Exception
{
    public GitException(string repoUrl, GitFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        RepoUrl = RepositoryUrl.Redact(repoUrl);
        Failure = failure;
    }

    /// <summary>The repository URL with any user name and password removed.</summary>
    public string RepoUrl { get; }

    /// <summary>The kind of failure.</summary>
    public GitFailure Failure { get; }
}
