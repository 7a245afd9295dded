using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Keelson.Git;

/// <summary>Repository URL handling: credentials removed for display, a normalised key for the cache, local paths.</summary>
public static partial class RepositoryUrl
{
    /// <summary>The URL with any <c>user:password@</c> removed; every message, log and metric label uses this form.</summary>
    public static string Redact(string url)
    {
        var trimmed = url.Trim();
        return UserInfo().Replace(trimmed, "$1");
    }

    /// <summary>The user name and password embedded in an http(s) URL, if any.</summary>
    public static GitCredential? EmbeddedCredential(string url)
    {
        var match = UserInfoParts().Match(url.Trim());
        if (!match.Success) return null;
        return new GitCredential(Uri.UnescapeDataString(match.Groups[1].Value), Uri.UnescapeDataString(match.Groups[2].Value));
    }

    /// <summary>True for a plain path or a <c>file://</c> URL.</summary>
    public static bool IsLocal(string url) => LocalPath(url) is not null;

    /// <summary>The directory a plain path or <c>file://</c> URL names, made absolute; null for network URLs.</summary>
    public static string? LocalPath(string url)
    {
        var u = url.Trim();
        if (u.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            return Path.GetFullPath(Uri.UnescapeDataString(u["file://".Length..]));
        if (Scheme().IsMatch(u) || ScpLike().IsMatch(u)) return null;
        return Path.GetFullPath(u);
    }

    /// <summary>
    /// The URL the cached bare repository fetches from: credentials removed (they are supplied per fetch, never
    /// written to the cache's config) and local paths made absolute.
    /// </summary>
    public static string FetchUrl(string url) => LocalPath(url) ?? Redact(url);

    /// <summary>
    /// The cache key: local paths as absolute <c>file://</c> URLs (case kept), network URLs redacted, lower-cased and
    /// without a trailing <c>/</c> or <c>.git</c>, so <c>https://Host/org/repo.git</c> and <c>https://host/org/repo</c>
    /// share one cache entry.
    /// </summary>
    public static string Normalize(string url)
    {
        if (LocalPath(url) is { } path) return "file://" + path.TrimEnd('/');
        var u = Redact(url).TrimEnd('/');
        if (u.EndsWith(".git", StringComparison.OrdinalIgnoreCase)) u = u[..^4];
        return u.ToLowerInvariant();
    }

    /// <summary>A directory name for the cache: a readable slug of the last path segments and a hash of the key.</summary>
    public static string CacheDirectoryName(string normalized)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..16];
        var tail = string.Join('-', normalized.Split(['/', ':'], StringSplitOptions.RemoveEmptyEntries).TakeLast(2));
        var slug = NotSlug().Replace(tail.ToLowerInvariant(), "-").Trim('-');
        if (slug.Length > 40) slug = slug[^40..].TrimStart('-');
        return slug.Length == 0 ? hash : slug + "-" + hash;
    }

    [GeneratedRegex(@"^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@")]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*://([^/:@]*):([^/@]*)@")]
    private static partial Regex UserInfoParts();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*://")]
    private static partial Regex Scheme();

    // git@github.com:org/repo — scp-like ssh syntax (a colon before any slash, and not a Windows drive letter).
    [GeneratedRegex(@"^[^/\\]{2,}:")]
    private static partial Regex ScpLike();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
