using System.Diagnostics;
using System.Text;

namespace Keelson.Server.Auth;

public sealed partial class SessionManager
{
    /// <summary>
    /// <c>POST /api/v1/session</c>: checks a username and password and returns a session token
    /// (<c>sub</c> <c>&lt;user&gt;:login</c>, lifetime <c>users.session.duration</c>, new <c>jti</c>). Refusals:
    /// <c>no credentials supplied</c>; <c>Username is too long (32 bytes max)</c> (InvalidArgument);
    /// <c>Invalid username or password</c> for an unknown user, a wrong password, a username with too many recent
    /// failures, or too many logins at once; and, only once the password is right, <c>Account x is disabled</c> or
    /// <c>Account x does not have login capability</c>. <paramref name="client"/> (the caller's address) is only logged.
    /// </summary>
    public async Task<AuthResult<string>> LoginAsync(string username, string password, string? client = null, CancellationToken cancellationToken = default)
    {
        client ??= "unknown";
        if (username.Length == 0 || password.Length == 0) return AuthError.Unauthenticated(AuthFailure.NoCredentials, AuthMessages.NoCredentials);
        if (_concurrentLogins is not null && !_concurrentLogins.Wait(0))
        {
            AuthLog.TooManyConcurrentLogins(_logger, username, client);
            return AuthError.Unauthenticated(AuthFailure.TooManyConcurrentLogins, AuthMessages.InvalidLogin);
        }
        try
        {
            if (await VerifyUsernamePasswordAsync(username, password, client, cancellationToken) is { } refused) return refused;
            var settings = await _settings.GetAsync(cancellationToken);
            var token = Sign(settings, $"{username}:{AccountCapability.Login.Name()}", settings.UserSessionDuration, Guid.NewGuid().ToString());
            AuthLog.LoggedIn(_logger, username, client);
            return AuthResult<string>.Success(token);
        }
        finally
        {
            _concurrentLogins?.Release();
        }
    }

    /// <summary>
    /// Argo CD's <c>VerifyUsernamePassword</c>: null when the password is right for an enabled account that may log in.
    /// Every path through it costs one bcrypt (an unknown user's is against a dummy hash), and with
    /// <see cref="SessionOptions.VerificationDelayNoise"/> it returns no sooner than a random 0.5–1 s after it started.
    /// </summary>
    private async Task<AuthError?> VerifyUsernamePasswordAsync(string username, string password, string client, CancellationToken cancellationToken)
    {
        if (password.Length == 0) return AuthError.Unauthenticated(AuthFailure.NoCredentials, "Blank passwords are not allowed");
        if (Encoding.UTF8.GetByteCount(username) > MaxUsernameLength)
            return new AuthError(AuthFailure.UsernameTooLong, AuthErrorCode.InvalidArgument, AuthMessages.UsernameTooLong(MaxUsernameLength));
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await CheckPasswordAsync(username, password, client, cancellationToken);
        }
        finally
        {
            if (_options.VerificationDelayNoise)
            {
                var pad = TimeSpan.FromMilliseconds(Random.Shared.Next(500, 1000)) - Stopwatch.GetElapsedTime(started);
                if (pad > TimeSpan.Zero) await Task.Delay(pad, CancellationToken.None);
            }
        }
    }

    private async Task<AuthError?> CheckPasswordAsync(string username, string password, string client, CancellationToken cancellationToken)
    {
        if (_failures.IsLockedOut(username))
        {
            AuthLog.TooManyFailures(_logger, username, client);
            return AuthError.Unauthenticated(AuthFailure.TooManyFailedLogins, AuthMessages.InvalidLogin);
        }
        var account = (await _settings.GetAsync(cancellationToken)).FindAccount(username);
        // An unknown user costs the same bcrypt as a known one, so the time taken does not tell them apart.
        if (!PasswordHasher.Verify(password, account?.PasswordHash ?? PasswordHasher.UnknownUserHash) || account is null)
        {
            AuthLog.LoginFailed(_logger, username, _failures.RecordFailure(username), client);
            return AuthError.Unauthenticated(AuthFailure.InvalidCredentials, AuthMessages.InvalidLogin);
        }
        if (!account.Enabled) return AuthError.Unauthenticated(AuthFailure.AccountDisabled, AuthMessages.LoginAccountDisabled(username));
        if (!account.HasCapability(AccountCapability.Login))
            return AuthError.Unauthenticated(AuthFailure.MissingCapability, AuthMessages.LoginMissingCapability(username, AccountCapability.Login));
        _failures.RecordSuccess(username);
        return null;
    }
}
