using Keelson.Server.Auth;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Session;

/// <summary>
/// The server's <see cref="IAuthenticator"/>: the token from <c>Authorization: Bearer</c> or the (chunked)
/// <c>argocd.token</c> cookie, verified by the <see cref="SessionManager"/> — signature, expiry, password changes,
/// revoked API keys and sessions. A login token near its end comes back renewed as a new cookie. Without a token the
/// caller is anonymous only where <c>users.anonymous.enabled</c> says so.
/// </summary>
public sealed class SessionAuthenticator(SessionManager sessions, AuthSettingsStore settings) : IAuthenticator
{
    private const string VerifiedKey = "keelson.token";

    public async Task<AuthenticationOutcome> AuthenticateAsync(HttpContext context)
    {
        var token = RequestToken.From(context.Request);
        if (token is null)
        {
            var current = await settings.GetAsync(context.RequestAborted);
            return current.AnonymousUserEnabled ? AuthenticationOutcome.Success(new RbacClaims("")) : AuthenticationOutcome.Fail(AuthMessages.NoSession);
        }
        var verified = await sessions.VerifyAsync(token, context.RequestAborted);
        if (verified.Value is not { } valid) return AuthenticationOutcome.Fail(verified.Error!.Message);
        context.Items[VerifiedKey] = valid;
        if (valid.RenewedToken is { } renewed && AuthCookie.SetCookieHeaders(renewed, secure: context.Request.IsHttps).Value is { } cookies)
            foreach (var cookie in cookies) context.Response.Headers.Append("Set-Cookie", cookie);
        return AuthenticationOutcome.Success(valid.ToRbacClaims());
    }

    /// <summary>The verified token of the request, once <see cref="AuthenticateAsync"/> accepted it (null for anonymous).</summary>
    public static VerifiedToken? Token(HttpContext context) => context.Items[VerifiedKey] as VerifiedToken;
}
