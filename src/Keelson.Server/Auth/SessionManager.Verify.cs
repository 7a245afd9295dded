using System.Text.Json.Nodes;

namespace Keelson.Server.Auth;

public sealed partial class SessionManager
{
    /// <summary>How old a reading may be when a token names an account or key the cached one lacks (just created elsewhere).</summary>
    private static readonly TimeSpan MissRereadAge = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Checks a token from a request, in Argo CD's order: readable (three base64url JSON segments, a known
    /// <c>alg</c>); issuer <c>argocd</c> (others would be SSO tokens: <c>SSO is not configured</c>); HMAC algorithm
    /// and this server's signature; <c>exp</c> and <c>nbf</c>; an <c>iat</c>. A <c>proj:&lt;project&gt;:&lt;role&gt;</c>
    /// subject is then accepted as it is, for the RBAC layer to check against the AppProject. An account's token must
    /// further name an existing, enabled account with the capability (<c>login</c> or <c>apiKey</c>), carry a
    /// <c>jti</c> that was not logged out, be listed among the account's API keys (for an API key), and be issued no
    /// earlier than the account's password change. Every refusal is Unauthenticated with the message Argo CD's server
    /// answers (<c>invalid session: …</c>). A login token with under 5 minutes left comes back with
    /// <see cref="VerifiedToken.RenewedToken"/> set.
    /// </summary>
    public async Task<AuthResult<VerifiedToken>> VerifyAsync(string token, CancellationToken cancellationToken = default)
    {
        if (HmacJwt.Read(token, out var parts) is { } unreadable) return unreadable;
        var claims = parts.Claims;
        if (Text(claims, "iss") != AuthNames.Issuer) return AuthError.InvalidSession(AuthFailure.UnknownIssuer, AuthMessages.SsoNotConfigured);
        var settings = await _settings.GetAsync(cancellationToken);
        if (HmacJwt.Verify(parts, SigningKey(settings)) is { } forged) return forged;
        var now = _time.GetUtcNow();
        if (CheckTimes(claims, now) is { } untimely) return untimely;
        if (claims["iat"] is null) return AuthError.InvalidSession(AuthFailure.MissingIssuedAt, AuthMessages.NoClaim("iat"));
        if (Seconds(claims["iat"]) is not { } iat) return AuthError.InvalidSession(AuthFailure.MissingIssuedAt, $"iat '{claims["iat"]?.ToJsonString()}' is not a number");
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds((long)iat);
        DateTimeOffset? expiresAt = Seconds(claims["exp"]) is { } exp ? DateTimeOffset.FromUnixTimeMilliseconds((long)(exp * 1000)) : null;
        var subject = Text(claims, "sub") ?? "";
        var id = Text(claims, "jti") ?? "";

        if (IsProjectSubject(subject))
            return AuthResult<VerifiedToken>.Success(new VerifiedToken(subject, TokenKind.ProjectRole, id.Length > 0 ? id : null, issuedAt, expiresAt, claims));

        var (name, capability) = SplitSubject(subject);
        var refusal = CheckAccount(settings, name, capability, id, issuedAt);
        if (refusal?.Failure is AuthFailure.UnknownAccount or AuthFailure.ApiKeyRevoked)
        {
            // Perhaps created a moment ago by another replica, or by kubectl: look again before refusing.
            refusal = CheckAccount(await _settings.GetAsync(MissRereadAge, cancellationToken), name, capability, id, issuedAt);
        }
        if (refusal is not null) return refusal;

        var verified = (JsonObject)claims.DeepClone();
        verified["sub"] = name;
        string? renewed = null;
        if (capability == AccountCapability.Login && expiresAt is { } expiry && expiry - now < _options.RenewWithin)
            renewed = Sign(settings, $"{name}:{AccountCapability.Login.Name()}", expiry - issuedAt, Guid.NewGuid().ToString());
        var kind = capability == AccountCapability.Login ? TokenKind.Login : TokenKind.ApiKey;
        return AuthResult<VerifiedToken>.Success(new VerifiedToken(name, kind, id, issuedAt, expiresAt, verified) { RenewedToken = renewed });
    }

    /// <summary>
    /// Logout: refuses the token's id (<c>token is revoked, please re-login</c>) until it would have expired
    /// (for ever if it has no expiry). Kept in this server's memory only.
    /// </summary>
    public void RevokeSession(VerifiedToken token)
    {
        if (token.Id is { Length: > 0 } id) _revoked.Revoke(id, token.ExpiresAt ?? DateTimeOffset.MaxValue);
    }

    private AuthError? CheckAccount(AuthSettings settings, string name, AccountCapability capability, string id, DateTimeOffset issuedAt)
    {
        if (settings.FindAccount(name) is not { } account) return AuthError.InvalidSession(AuthFailure.UnknownAccount, AuthMessages.AccountNotFound(name));
        if (!account.Enabled) return AuthError.InvalidSession(AuthFailure.AccountDisabled, AuthMessages.AccountDisabled(name));
        if (!account.HasCapability(capability)) return AuthError.InvalidSession(AuthFailure.MissingCapability, AuthMessages.MissingCapability(name, capability));
        if (id.Length == 0) return AuthError.InvalidSession(AuthFailure.MissingTokenId, AuthMessages.NoTokenId);
        if (_revoked.IsRevoked(id)) return AuthError.InvalidSession(AuthFailure.SessionRevoked, AuthMessages.SessionRevoked);
        if (capability == AccountCapability.ApiKey && account.FindToken(id) is null)
            return AuthError.InvalidSession(AuthFailure.ApiKeyRevoked, AuthMessages.ApiKeyRevoked(name, id));
        if (account.PasswordMtime is { } mtime && issuedAt < mtime) return AuthError.InvalidSession(AuthFailure.PasswordChanged, AuthMessages.PasswordChanged);
        return null;
    }

    /// <summary>golang-jwt v5's validator: <c>exp</c> must be in the future and <c>nbf</c> not, each when present and a number.</summary>
    private static AuthError? CheckTimes(JsonObject claims, DateTimeOffset now)
    {
        var problems = new List<(AuthFailure Failure, string Message)>();
        var seconds = now.ToUnixTimeMilliseconds() / 1000.0;
        if (claims["exp"] is { } expNode)
        {
            if (Seconds(expNode) is not { } exp) problems.Add((AuthFailure.InvalidClaims, "invalid type for claim: exp is invalid"));
            else if (seconds >= exp) problems.Add((AuthFailure.Expired, AuthMessages.Expired));
        }
        if (claims["nbf"] is { } nbfNode)
        {
            if (Seconds(nbfNode) is not { } nbf) problems.Add((AuthFailure.InvalidClaims, "invalid type for claim: nbf is invalid"));
            else if (seconds < nbf) problems.Add((AuthFailure.NotYetValid, AuthMessages.NotYetValid));
        }
        if (problems.Count == 0) return null;
        var failure = problems.Count == 1 ? problems[0].Failure : AuthFailure.InvalidClaims;
        return AuthError.InvalidSession(failure, AuthMessages.InvalidClaims(problems.Select(p => p.Message)));
    }

    private static string? Text(JsonObject claims, string name) =>
        claims[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A JSON number claim (NumericDate), as seconds.</summary>
    private static double? Seconds(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number && value.TryGetValue<double>(out var n) ? n : null;
}
