using System.Globalization;
using System.Text;

namespace Keelson.Server.Auth;

/// <summary>
/// The <c>argocd.token</c> session cookie as Argo CD writes and reads it (AC: util/http/http.go). A Set-Cookie
/// line stays within 4093 bytes: a longer token is split into <c>argocd.token=&lt;n&gt;:&lt;chunk0&gt;</c>,
/// <c>argocd.token-1=&lt;chunk1&gt;</c> … <c>argocd.token-&lt;n-1&gt;</c>, at most <see cref="MaxCookies"/> of them.
/// Attributes: <c>path=/&lt;basehref&gt;; SameSite=lax; httpOnly</c>, and <c>Secure</c> when served over TLS.
/// </summary>
public static class AuthCookie
{
    /// <summary>Browsers' per-cookie limit, less the bytes of <c>Set-Cookie: </c>-less framing Argo CD allows for.</summary>
    public const int MaxCookieLength = 4093;

    /// <summary>Argo CD's default <c>ARGOCD_MAX_COOKIE_NUMBER</c>.</summary>
    public const int MaxCookies = 20;

    /// <summary>
    /// The Set-Cookie values that carry <paramref name="token"/> (one per header). Fails with Argo CD's message when
    /// the token needs more than <paramref name="maxCookies"/> cookies. An empty token gives no cookies, as in Argo CD.
    /// </summary>
    public static AuthResult<IReadOnlyList<string>> SetCookieHeaders(string token, string? basePath = null, bool secure = false, int maxCookies = MaxCookies)
    {
        var attributes = Attributes(basePath, secure);
        var name = AuthNames.CookieName;
        var maxValue = MaxCookieLength - (name.Length + 3) - (attributes.Length + 2);
        var count = (token.Length + maxValue - 1) / maxValue;
        if (count > maxCookies)
            return new AuthError(AuthFailure.Malformed, AuthErrorCode.Internal, AuthMessages.TooManyCookies(token.Length, count, maxCookies));
        var cookies = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var chunk = token.Substring(i * maxValue, Math.Min(maxValue, token.Length - (i * maxValue)));
            var pair = i == 0
                ? count == 1 ? $"{name}={chunk}" : $"{name}={count.ToString(CultureInfo.InvariantCulture)}:{chunk}"
                : $"{name}-{i.ToString(CultureInfo.InvariantCulture)}={chunk}";
            cookies.Add($"{pair}; {attributes}");
        }
        return AuthResult<IReadOnlyList<string>>.Success(cookies);
    }

    /// <summary>
    /// The token from a request's cookies (name → value), joining chunks (Argo CD's <c>JoinCookies</c>). Fails when
    /// there is no <c>argocd.token</c> (<c>failed to retrieve cookie argocd.token</c>) or its count prefix is not a
    /// number; a missing chunk counts as empty, so the joined token then fails verification.
    /// </summary>
    public static AuthResult<string> Join(IEnumerable<KeyValuePair<string, string>> cookies)
    {
        var name = AuthNames.CookieName;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in cookies)
            if (key.StartsWith(name, StringComparison.Ordinal)) values.TryAdd(key, value);
        if (!values.TryGetValue(name, out var first))
            return new AuthError(AuthFailure.Malformed, AuthErrorCode.InvalidArgument, $"failed to retrieve cookie {name}");
        var parts = first.Split(':');
        int count;
        var token = new StringBuilder();
        switch (parts.Length)
        {
            case 1:
                count = 1;
                token.Append(parts[0]);
                break;
            case 2 when int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out count):
                token.Append(parts[1]);
                break;
            case 2:
                return new AuthError(AuthFailure.Malformed, AuthErrorCode.InvalidArgument, $"invalid cookie for key {name}: '{parts[0]}' is not a chunk count");
            default:
                return new AuthError(AuthFailure.Malformed, AuthErrorCode.InvalidArgument, $"invalid cookie for key {name}");
        }
        for (var i = 1; i < Math.Min(count, values.Count); i++) token.Append(values.GetValueOrDefault($"{name}-{i.ToString(CultureInfo.InvariantCulture)}"));
        return AuthResult<string>.Success(token.ToString());
    }

    /// <summary>
    /// The Set-Cookie values that clear the session at logout: each <c>argocd.token*</c> cookie of the request
    /// (always <c>argocd.token</c> itself) set empty with the same path, and expired (<c>Max-Age=0</c>) so the
    /// browser drops it rather than keeping an empty one.
    /// </summary>
    public static IReadOnlyList<string> ClearCookieHeaders(IEnumerable<string> requestCookieNames, string? basePath = null)
    {
        var names = requestCookieNames.Where(n => n.StartsWith(AuthNames.CookieName, StringComparison.Ordinal)).Prepend(AuthNames.CookieName).Distinct(StringComparer.Ordinal);
        return names.Select(n => $"{n}=; path={Path(basePath)}; Max-Age=0").ToList();
    }

    private static string Attributes(string? basePath, bool secure) =>
        $"path={Path(basePath)}; SameSite=lax; httpOnly" + (secure ? "; Secure" : "");

    /// <summary><c>/</c> and the base href without its outer slashes, as Argo CD builds the cookie path.</summary>
    private static string Path(string? basePath) => "/" + (basePath ?? "").Trim('/');
}
