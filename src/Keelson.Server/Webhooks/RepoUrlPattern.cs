using System.Text.RegularExpressions;

namespace Keelson.Server.Webhooks;

/// <summary>
/// Argo CD's <c>GetWebURLRegex</c>: from a URL a payload gives, the pattern every spelling of that repository's URL
/// in an application's <c>repoURL</c> matches — https or http, <c>ssh://</c>, scp-like <c>git@host:org/repo</c>, any
/// user, an <c>ssh.</c> or <c>altssh.</c> host, a port, with or without <c>.git</c>, in any case:
/// <c>(?i)^((https?|ssh)://)?(user@)?((alt)?ssh\.)?host(:\d+)?[:/]path(\.git)?$</c>.
/// </summary>
/// <remarks>
/// The host and path are the payload URL's own, so a payload URL ending in <c>.git</c> (Bitbucket Server's clone
/// links) only matches repoURLs that end in <c>.git</c> too, as in Argo CD. Argo CD cannot parse a scp-like URL and
/// skips it; Keelson reads its host and path, which adds no match the web URL does not already give.
/// </remarks>
public sealed class RepoUrlPattern
{
    // RFC 3986 userinfo as Argo CD allows it; Go's \w is ASCII.
    private const string User = @"[0-9A-Za-z_.][0-9A-Za-z_.\-]{0,30}[0-9A-Za-z_.$\-]?";

    private readonly Regex _regex;

    private RepoUrlPattern(string webUrl, Regex regex)
    {
        WebUrl = webUrl;
        _regex = regex;
    }

    /// <summary>The payload URL the pattern was built from.</summary>
    public string WebUrl { get; }

    /// <summary>The pattern for a payload URL; null when it has no host (Argo CD then skips the URL).</summary>
    public static RepoUrlPattern? FromWebUrl(string webUrl)
    {
        if (HostAndPath(webUrl) is not var (host, path)) return null;
        var pattern = $@"\A((https?|ssh)://)?({User}@)?((alt)?ssh\.)?{Regex.Escape(host)}(:[0-9]+)?[:/]{Regex.Escape(path)}(\.git)?\z";
        return new(webUrl, new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking));
    }

    public bool IsMatch(string repoUrl) => _regex.IsMatch(repoUrl);

    public override string ToString() => WebUrl;

    /// <summary>
    /// The host (without port or IPv6 brackets) and the path (without its leading <c>/</c>, query or fragment) of
    /// <c>scheme://[user@]host[:port]/path</c> or <c>user@host:path</c>.
    /// </summary>
    private static (string Host, string Path)? HostAndPath(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        string authority, path;
        if (schemeEnd > 0)
        {
            var rest = url[(schemeEnd + 3)..];
            var end = rest.IndexOfAny(['/', '?', '#']);
            authority = end < 0 ? rest : rest[..end];
            path = end < 0 || rest[end] != '/' ? "" : rest[(end + 1)..];
            authority = authority[(authority.LastIndexOf('@') + 1)..];
            authority = authority.StartsWith('[') && authority.IndexOf(']') is > 0 and var close
                ? authority[1..close]
                : authority.Split(':')[0];
        }
        else
        {
            // scp-like: [user@]host:path, the host holding no '/'.
            var colon = url.IndexOf(':');
            if (colon <= 0 || url.IndexOf('/') is >= 0 and var slash && slash < colon) return null;
            authority = url[..colon];
            authority = authority[(authority.LastIndexOf('@') + 1)..];
            path = url[(colon + 1)..].TrimStart('/');
        }
        var queryOrFragment = path.IndexOfAny(['?', '#']);
        if (queryOrFragment >= 0) path = path[..queryOrFragment];
        return authority.Length == 0 ? null : (authority, path);
    }
}
