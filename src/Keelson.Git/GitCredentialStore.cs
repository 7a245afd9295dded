namespace Keelson.Git;

/// <summary>
/// Credentials matched by URL prefix, the longest prefix winning — as Argo CD matches repository credential templates
/// (<c>https://github.com/org</c> serves every repository under that organisation). Thread-safe.
/// </summary>
public sealed class GitCredentialStore : IGitCredentials
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, GitCredential> byPrefix = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds or replaces the credential for every repository whose URL starts with <paramref name="urlPrefix"/>.</summary>
    public GitCredentialStore Add(string urlPrefix, GitCredential credential)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(urlPrefix);
        ArgumentNullException.ThrowIfNull(credential);
        lock (gate) byPrefix[urlPrefix.TrimEnd('/')] = credential;
        return this;
    }

    public GitCredential? For(string repoUrl)
    {
        lock (gate)
        {
            return byPrefix
                .Where(p => IsPrefixOf(p.Key, repoUrl))
                .OrderByDescending(p => p.Key.Length)
                .Select(p => p.Value)
                .FirstOrDefault();
        }
    }

    // "https://host/org" must match "https://host/org/repo" and itself, not "https://host/organisation".
    private static bool IsPrefixOf(string prefix, string url) =>
        url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        && (url.Length == prefix.Length || url[prefix.Length] is '/' or '.' or ':' || prefix.EndsWith(':'));
}
