namespace Keelson.Git;

/// <summary>
/// A <c>targetRevision</c> resolved to a commit. <see cref="RepoUrl"/> is the URL without credentials,
/// <see cref="Revision"/> the revision as asked for, <see cref="Author"/> is <c>Name &lt;email&gt;</c> and
/// <see cref="CommitTime"/> the committer's time.
/// </summary>
public sealed record ResolvedRevision(
    string RepoUrl, string Revision, string CommitSha, string Message, string Author, DateTimeOffset CommitTime);
