namespace Keelson.Server.Auth;

/// <summary>Why an authentication step failed: one closed list for logins, token checks, API keys and password changes.</summary>
public enum AuthFailure
{
    /// <summary>Login without a username or password.</summary>
    NoCredentials,

    /// <summary>A username longer than 32 bytes.</summary>
    UsernameTooLong,

    /// <summary>Unknown user or wrong password; the message does not say which.</summary>
    InvalidCredentials,

    /// <summary>Five failures within the window for this username: refused before the password is checked.</summary>
    TooManyFailedLogins,

    /// <summary>More logins under way at once than the server takes.</summary>
    TooManyConcurrentLogins,

    AccountDisabled,

    /// <summary>The account lacks <c>login</c> (to log in) or <c>apiKey</c> (for API keys).</summary>
    MissingCapability,

    /// <summary>Not three base64url segments of JSON.</summary>
    Malformed,

    /// <summary>No algorithm, an unknown one, <c>none</c>, or one that is not HMAC.</summary>
    UnsupportedAlgorithm,

    BadSignature,

    Expired,

    NotYetValid,

    /// <summary>A registered claim of the wrong type (<c>exp</c> that is not a number).</summary>
    InvalidClaims,

    /// <summary>An issuer other than <c>argocd</c>: an SSO token, and SSO is not configured.</summary>
    UnknownIssuer,

    /// <summary>No <c>iat</c>: the token's age cannot be judged against password changes.</summary>
    MissingIssuedAt,

    /// <summary>No <c>jti</c>: the token cannot be revoked, so it is not accepted.</summary>
    MissingTokenId,

    UnknownAccount,

    /// <summary>Logged out: the session's id is on the server's revocation list.</summary>
    SessionRevoked,

    /// <summary>An API key whose id is no longer in <c>accounts.&lt;name&gt;.tokens</c>.</summary>
    ApiKeyRevoked,

    /// <summary>Issued before the account's <c>passwordMtime</c>.</summary>
    PasswordChanged,

    TokenIdExists,

    TokenNotFound,

    CurrentPasswordMismatch,

    /// <summary>The new password does not match <c>passwordPattern</c>, or bcrypt cannot take it (over 72 bytes).</summary>
    PasswordRejected,

    /// <summary>A project-role subject tried to change a password.</summary>
    NotLocalUser,

    /// <summary><c>passwordPattern</c> is not a valid regular expression.</summary>
    InvalidPasswordPattern,
}
