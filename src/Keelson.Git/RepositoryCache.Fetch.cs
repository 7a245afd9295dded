using LibGit2Sharp;

namespace Keelson.Git;

public sealed partial class RepositoryCache
{
    // Branches and tags mirrored under their own names (forced, so force-pushes and moved tags are taken; pruned, so
    // deleted branches disappear), and the remote's HEAD as a plain ref.
    private static readonly string[] FetchRefSpecs = ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*", "+HEAD:" + RemoteHead];

    private async Task FetchAsync(CachedRepository entry, string repoUrl, CancellationToken cancellationToken)
    {
        var arrival = entry.FetchesStarted;
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A fetch that started after this caller asked has already completed: it saw everything this one would.
            if (entry.LastSucceeded > arrival) return;

            var fetch = entry.StartFetch();
            Metrics.Started(entry.Key, RepositoryUrl.Redact(repoUrl));
            var started = time.GetTimestamp();
            var startedAt = time.GetUtcNow();
            string? error = null;
            try
            {
                await Task.Run(() => Fetch(entry, repoUrl, cancellationToken), cancellationToken).ConfigureAwait(false);
                entry.Succeeded(fetch, startedAt);
            }
            catch (Exception e)
            {
                error = e is OperationCanceledException ? "cancelled" : e.Message;
                throw;
            }
            finally
            {
                Metrics.Completed(entry.Key, time.GetElapsedTime(started), time.GetUtcNow(), error);
            }
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private void Fetch(CachedRepository entry, string repoUrl, CancellationToken cancellationToken)
    {
        var display = RepositoryUrl.Redact(repoUrl);
        if (RepositoryUrl.LocalPath(repoUrl) is { } local && !Directory.Exists(local))
            throw new GitException(repoUrl, GitFailure.FetchFailed, $"fetch of {display} failed: repository not found (no directory {local})");

        using var repository = OpenOrInit(entry);
        var credential = credentials?.For(display) ?? RepositoryUrl.EmbeddedCredential(repoUrl);
        var credentialRequests = 0;
        var options = new FetchOptions
        {
            Prune = true,
            TagFetchMode = TagFetchMode.None,
            OnTransferProgress = _ => !cancellationToken.IsCancellationRequested,
        };
        if (credential is not null)
        {
            // libgit2 asks again after each 401 and gives up only after ~15 replays. A second request means the server
            // refused what was sent: answering with a credential type Basic auth does not accept ends the fetch at once.
            options.CredentialsProvider = (_, _, _) => Interlocked.Increment(ref credentialRequests) == 1
                ? new UsernamePasswordCredentials { Username = credential.Username, Password = credential.Password }
                : new DefaultCredentials();
        }

        try
        {
            Commands.Fetch(repository, "origin", [], options, logMessage: null);
        }
        catch (LibGit2SharpException e)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reason = Scrub(e.Message, credential);
            if (credential is not null && (credentialRequests > 1 || IsAuthenticationError(reason)))
            {
                throw new GitException(repoUrl, GitFailure.AuthenticationFailed,
                    credentialRequests > 1
                        ? $"fetch of {display} failed: authentication as {Describe(credential)} was rejected by the server"
                        : $"fetch of {display} failed: authentication as {Describe(credential)} was rejected ({reason})", e);
            }
            if (credential is null && IsAuthenticationError(reason))
            {
                throw new GitException(repoUrl, GitFailure.AuthenticationFailed,
                    $"fetch of {display} failed: the server requires authentication and no credentials are configured for it ({reason})", e);
            }
            throw new GitException(repoUrl, GitFailure.FetchFailed, $"fetch of {display} failed: {reason}", e);
        }
    }

    /// <summary>The bare clone, created (empty, with the fetch refspecs) on first use or when left invalid.</summary>
    private static Repository OpenOrInit(CachedRepository entry)
    {
        if (!Repository.IsValid(entry.Directory))
        {
            if (Directory.Exists(entry.Directory)) Directory.Delete(entry.Directory, recursive: true);
            Repository.Init(entry.Directory, isBare: true);
        }

        var repository = new Repository(entry.Directory);
        var origin = repository.Network.Remotes["origin"];
        if (origin is null || origin.Url != entry.FetchUrl || !origin.FetchRefSpecs.Select(s => s.Specification).SequenceEqual(FetchRefSpecs))
        {
            if (origin is not null) repository.Network.Remotes.Remove("origin");
            repository.Network.Remotes.Add("origin", entry.FetchUrl, FetchRefSpecs[0]);
            repository.Network.Remotes.Update("origin", r =>
            {
                foreach (var spec in FetchRefSpecs.Skip(1)) r.FetchRefSpecs.Add(spec);
            });
        }
        return repository;
    }

    // "'alice' (credentials from Secret argocd/private-repo)": who was tried and where that came from, never the password.
    private static string Describe(GitCredential credential) =>
        credential.Source is { Length: > 0 } source ? $"'{credential.Username}' (credentials from {source})" : $"'{credential.Username}'";

    private static bool IsAuthenticationError(string message) =>
        message.Contains("authentication", StringComparison.OrdinalIgnoreCase)
        || message.Contains("401", StringComparison.Ordinal)
        || message.Contains("403", StringComparison.Ordinal);

    // libgit2's messages carry the URL it was given (never with credentials, which are not written into it), but a
    // password must not reach a message even if a server echoes it.
    private static string Scrub(string message, GitCredential? credential) =>
        credential is { Password.Length: > 0 } ? message.Replace(credential.Password, "***", StringComparison.Ordinal) : message;
}
