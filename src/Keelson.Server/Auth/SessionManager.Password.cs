using System.Text;
using System.Text.RegularExpressions;
using Keelson.Resources;

namespace Keelson.Server.Auth;

public sealed partial class SessionManager
{
    private readonly Lock _patternLock = new();
    private (string Pattern, Regex Regex)? _pattern;

    /// <summary>
    /// <c>PUT /api/v1/account/password</c>, as Argo CD's <c>UpdatePassword</c>: <paramref name="caller"/> (the
    /// token's subject) proves itself with <paramref name="currentPassword"/> — its own, also when it changes
    /// <paramref name="account"/>'s password (default: its own; whether it may is RBAC's <c>accounts, update</c>,
    /// checked by the HTTP layer) — and the new password must match <c>passwordPattern</c>. Writes the new hash and
    /// <c>passwordMtime</c> (now), so tokens issued earlier are refused. Refusals: <c>current password does not
    /// match</c> (also counted as a failed login), <c>new password does not match the following expression: …</c>,
    /// NotFound for an unknown account. Null on success.
    /// </summary>
    public async Task<AuthError?> UpdatePasswordAsync(string caller, string currentPassword, string newPassword, string? account = null, CancellationToken cancellationToken = default)
    {
        var target = string.IsNullOrEmpty(account) ? caller : account;
        if (string.IsNullOrEmpty(account) && IsProjectSubject(caller))
            return new AuthError(AuthFailure.NotLocalUser, AuthErrorCode.InvalidArgument, AuthMessages.NotLocalUser(caller));
        if (await VerifyUsernamePasswordAsync(caller, currentPassword, "password change", cancellationToken) is not null)
            return new AuthError(AuthFailure.CurrentPasswordMismatch, AuthErrorCode.InvalidArgument, AuthMessages.CurrentPasswordMismatch);

        var pattern = (await _settings.GetAsync(cancellationToken)).PasswordPattern;
        Regex rule;
        try
        {
            rule = PasswordRule(pattern);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return new AuthError(AuthFailure.InvalidPasswordPattern, AuthErrorCode.Internal, AuthMessages.PasswordPatternInvalid(ex.Message));
        }
        if (!rule.IsMatch(newPassword)) return new AuthError(AuthFailure.PasswordRejected, AuthErrorCode.InvalidArgument, AuthMessages.PasswordRejected(pattern));
        if (Encoding.UTF8.GetByteCount(newPassword) > PasswordHasher.MaxPasswordBytes)
            return new AuthError(AuthFailure.PasswordRejected, AuthErrorCode.InvalidArgument, AuthMessages.PasswordTooLong);

        var hash = PasswordHasher.Hash(newPassword);
        var refused = await _settings.UpdateSecretAsync((settings, data) =>
        {
            if (settings.FindAccount(target) is null)
                return new AuthError(AuthFailure.UnknownAccount, AuthErrorCode.NotFound, AuthMessages.PasswordAccountNotFound(target));
            data.Set(AuthNames.AccountKey(target, AuthNames.PasswordSuffix), hash);
            data.Set(AuthNames.AccountKey(target, AuthNames.PasswordMtimeSuffix), KubeTime.Format(_time.GetUtcNow()));
            return null;
        }, cancellationToken);
        if (refused is null) AuthLog.PasswordUpdated(_logger, caller, target);
        return refused;
    }

    /// <summary>
    /// The compiled <c>passwordPattern</c>. Non-backtracking, as Go's RE2 is: an administrator's pattern cannot make
    /// a password check run away, and the constructs RE2 lacks (backreferences, lookaround) are refused here too.
    /// </summary>
    private Regex PasswordRule(string pattern)
    {
        lock (_patternLock)
        {
            if (_pattern is { } cached && cached.Pattern == pattern) return cached.Regex;
            var regex = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            _pattern = (pattern, regex);
            return regex;
        }
    }
}
