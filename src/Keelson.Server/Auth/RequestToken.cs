using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Auth;

/// <summary>
/// Where a request carries its token, in Argo CD's order (AC: server/server.go <c>getToken</c>):
/// <c>Authorization: Bearer &lt;jwt&gt;</c> when the value has a JWT's three segments, else the
/// <c>argocd.token</c> cookie (joined from its chunks) when it does. Nothing is verified here.
/// </summary>
public static class RequestToken
{
    /// <summary>The token, or null when the request has none (the HTTP layer answers 401 <c>no session information</c>).</summary>
    public static string? From(HttpRequest request) =>
        From(request.Headers.Authorization, request.Cookies);

    public static string? From(IEnumerable<string?> authorization, IEnumerable<KeyValuePair<string, string>> cookies)
    {
        foreach (var value in authorization)
        {
            if (value is not null && value.StartsWith("Bearer ", StringComparison.Ordinal) && LooksLikeJwt(value["Bearer ".Length..]))
                return value["Bearer ".Length..];
        }
        return AuthCookie.Join(cookies) is { Succeeded: true, Value: var token } && LooksLikeJwt(token) ? token : null;
    }

    /// <summary>Argo CD's <c>jwt.IsValid</c>: three dot-separated parts, nothing more.</summary>
    public static bool LooksLikeJwt(string token) => token.Split('.', 3).Length == 3;
}
