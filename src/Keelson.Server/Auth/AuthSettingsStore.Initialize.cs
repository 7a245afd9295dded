using System.Security.Cryptography;
using Keelson.Engine.Kube;
using Keelson.Resources;

namespace Keelson.Server.Auth;

public sealed partial class AuthSettingsStore
{
    /// <summary>Argo CD's initial-password alphabet and length (AC: util/settings/settings.go InitializeSettings).</summary>
    private const string PasswordAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-";
    private const int InitialPasswordLength = 16;

    /// <summary>
    /// What the server does on start (Argo CD's <c>InitializeSettings</c>): when admin is enabled and has no
    /// <c>admin.password</c>, a random 16-character password is put in clear in <c>argocd-initial-admin-secret</c>
    /// (key <c>password</c>) and its bcrypt hash in <c>admin.password</c>, with <c>admin.passwordMtime</c>; an
    /// enabled admin without an mtime gets one; a missing <c>server.secretkey</c> becomes 32 random bytes in base64.
    /// Existing values are never replaced. If <c>argocd-initial-admin-secret</c> already holds a password (a start
    /// that stopped half-way, or another replica starting at the same moment), that password is the one hashed,
    /// so the Secret and the hash always agree. Safe to run on every start and from several replicas at once.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var before = await GetAsync(cancellationToken);
        var admin = before.Accounts[AuthNames.Admin];
        var initialHash = admin.Enabled && admin.PasswordHash.Length == 0
            ? PasswordHasher.Hash(await EnsureInitialPasswordAsync(cancellationToken))
            : null;
        bool passwordSet = false, mtimeSet = false, signatureSet = false;
        await UpdateSecretAsync((settings, data) =>
        {
            passwordSet = mtimeSet = signatureSet = false;
            var current = settings.Accounts[AuthNames.Admin];
            var now = KubeTime.Format(Time.GetUtcNow());
            if (current.Enabled && current.PasswordHash.Length == 0 && initialHash is not null)
            {
                data.Set(AuthNames.AdminPasswordKey, initialHash);
                data.Set(AuthNames.AdminPasswordMtimeKey, now);
                passwordSet = true;
            }
            else if (current.Enabled && current.PasswordMtime is null)
            {
                data.Set(AuthNames.AdminPasswordMtimeKey, now);
                mtimeSet = true;
            }
            if (settings.ServerSignature is null)
            {
                // As Argo CD: the key is the base64 text of 32 random bytes, used as it is (so it can be typed into tools).
                data.Set(AuthNames.ServerSecretKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
                signatureSet = true;
            }
            return null;
        }, cancellationToken);
        if (!admin.Enabled) AuthLog.AdminDisabled(_logger);
        if (passwordSet) AuthLog.AdminPasswordInitialized(_logger, AuthNames.InitialAdminSecret);
        if (mtimeSet) AuthLog.AdminMtimeInitialized(_logger);
        if (signatureSet) AuthLog.SignatureInitialized(_logger);
    }

    /// <summary>The password in <c>argocd-initial-admin-secret</c>: the one already there, else a new one written there.</summary>
    private async Task<string> EnsureInitialPasswordAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var secret = await _client.GetAsync(Secrets, Namespace, AuthNames.InitialAdminSecret, cancellationToken);
            var data = SecretData.FromSecret(secret);
            if (data.GetString(AuthNames.InitialPasswordKey) is { Length: > 0 } existing) return existing;
            var password = new string(RandomNumberGenerator.GetItems<char>(PasswordAlphabet, InitialPasswordLength));
            data.Set(AuthNames.InitialPasswordKey, password);
            try
            {
                await WriteSecretAsync(AuthNames.InitialAdminSecret, secret, data, cancellationToken);
                return password;
            }
            catch (KubeApiException ex) when (ex.IsConflict && attempt < MaxWriteAttempts)
            {
                // Another replica wrote it first: read theirs.
                AuthLog.WriteConflict(_logger, Namespace, AuthNames.InitialAdminSecret, attempt);
            }
        }
    }

    /// <summary>The clear-text initial admin password, or null when <c>argocd-initial-admin-secret</c> (or its key) is absent.</summary>
    public async Task<string?> ReadInitialPasswordAsync(CancellationToken cancellationToken = default) =>
        SecretData.FromSecret(await _client.GetAsync(Secrets, Namespace, AuthNames.InitialAdminSecret, cancellationToken)).GetString(AuthNames.InitialPasswordKey);
}
