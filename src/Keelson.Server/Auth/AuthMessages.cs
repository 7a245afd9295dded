namespace Keelson.Server.Auth;

/// <summary>
/// The messages Argo CD answers authentication failures with, word for word where it has one (AC:
/// util/session/sessionmanager.go, server/session/session.go, server/account/account.go, server/server.go, and
/// golang-jwt v5's errors for token parsing), so clients that match on them keep working.
/// </summary>
public static class AuthMessages
{
    /// <summary>No token in the request (401).</summary>
    public const string NoSession = "no session information";

    /// <summary>Unknown user, wrong password, too many failures, or too many logins at once: deliberately the same.</summary>
    public const string InvalidLogin = "Invalid username or password";

    public const string NoCredentials = "no credentials supplied";

    public const string CurrentPasswordMismatch = "current password does not match";

    public const string NoTokenId = "token does not have a unique identifier (jti claim) and cannot be validated";

    public const string SessionRevoked = "token is revoked, please re-login";

    public const string PasswordChanged = "account password has changed since token issued";

    /// <summary>What a token of another issuer gets: Keelson has no SSO, so no other issuer is trusted.</summary>
    public const string SsoNotConfigured = "SSO is not configured";

    public static string InvalidSession(string reason) => $"invalid session: {reason}";

    public static string UsernameTooLong(int max) => $"Username is too long ({max} bytes max)";

    /// <summary>At login (capitalised, as Argo CD's login says it).</summary>
    public static string LoginAccountDisabled(string account) => $"Account {account} is disabled";

    public static string LoginMissingCapability(string account, AccountCapability capability) => $"Account {account} does not have {capability.Name()} capability";

    /// <summary>When a token is checked.</summary>
    public static string AccountDisabled(string account) => $"account {account} is disabled";

    public static string MissingCapability(string account, AccountCapability capability) => $"account {account} does not have '{capability.Name()}' capability";

    public static string AccountNotFound(string account) => $"account '{account}' does not exist";

    public static string ApiKeyRevoked(string account, string id) => $"account {account} does not have token with id {id}";

    public static string NoClaim(string claim) => $"token does not have {claim} claim";

    public static string Malformed(string detail) => $"token is malformed: {detail}";

    public static string Unverifiable(string detail) => $"token is unverifiable: {detail}";

    public static string UnexpectedSigningMethod(string alg) => Unverifiable($"error while executing keyfunc: unexpected signing method: {alg}");

    public const string BadSignature = "token signature is invalid: signature is invalid";

    public static string InvalidClaims(IEnumerable<string> problems) => $"token has invalid claims: {string.Join(", ", problems)}";

    public const string Expired = "token is expired";

    public const string NotYetValid = "token is not valid yet";

    public static string TokenIdExists(string id) => $"failed to update account with new token: account already has token with id '{id}'";

    public static string TokenAccountNotFound(string account) => $"failed to update account with new token: {AccountNotFound(account)}";

    public static string TokenMissingApiKey(string account) => $"failed to update account with new token: account '{account}' does not have apiKey capability";

    public static string TokenNotFound(string account, string id) => $"failed to delete account {account}: token with id '{id}' does not exist";

    public static string PasswordRejected(string pattern) => $"new password does not match the following expression: {pattern}";

    public const string PasswordTooLong = "failed to hash password: bcrypt: password length exceeds 72 bytes";

    public static string PasswordPatternInvalid(string detail) => $"failed to compile password regex: {detail}";

    public static string PasswordAccountNotFound(string account) => $"failed to update account password: {AccountNotFound(account)}";

    public static string NotLocalUser(string subject) => $"password can only be changed for local users, not user \"{subject}\"";

    public static string TooManyCookies(int length, int needed, int max) =>
        $"the authentication token is {length} characters long and requires {needed} cookies but the max number of cookies is {max}. Contact your Argo CD administrator to increase the max number of cookies";
}
