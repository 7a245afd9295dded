using Keelson.Server.Auth;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

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
        if (valid.Kind == TokenKind.ProjectRole && ProjectTokenRevoked(context, valid) is { } revoked) return AuthenticationOutcome.Fail(revoked);
        context.Items[VerifiedKey] = valid;
        if (valid.RenewedToken is { } renewed && AuthCookie.SetCookieHeaders(renewed, secure: context.Request.IsHttps).Value is { } cookies)
            foreach (var cookie in cookies) context.Response.Headers.Append("Set-Cookie", cookie);
        return AuthenticationOutcome.Success(valid.ToRbacClaims());
    }

    /// <summary>
    /// Argo CD's session manager refuses a project token whose project is gone or which its role no longer lists
    /// (revoked): a 401, not a 403. The projects are the RBAC layer's reading, which project writes refresh at once.
    /// </summary>
    private static string? ProjectTokenRevoked(HttpContext context, VerifiedToken token)
    {
        if (context.RequestServices.GetService<RbacService>() is not { } rbac || !ProjectPolicy.TryParseSubject(token.Subject, out var name, out var role)) return null;
        var project = rbac.Enforcer.Projects.FirstOrDefault(p => p.Name == name);
        if (project is null) return AuthMessages.InvalidSession($"appproject.argoproj.io \"{name}\" not found");
        var issuedAt = token.IssuedAt.ToUnixTimeSeconds();
        return project.HasToken(role, issuedAt, token.Id)
            ? null
            : AuthMessages.InvalidSession($"JWT token for role '{role}' issued at '{issuedAt}' does not exist in project '{name}'");
    }

    /// <summary>The verified token of the request, once <see cref="AuthenticateAsync"/> accepted it (null for anonymous).</summary>
    public static VerifiedToken? Token(HttpContext context) => context.Items[VerifiedKey] as VerifiedToken;
}
