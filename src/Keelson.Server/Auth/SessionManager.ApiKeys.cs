using Keelson.Resources;

namespace Keelson.Server.Auth;

public sealed partial class SessionManager
{
    /// <summary>
    /// <c>POST /api/v1/account/{name}/token</c>: signs an API key (<c>sub</c> <c>&lt;account&gt;:apiKey</c>,
    /// <c>jti</c> <paramref name="id"/> or a new UUID, <c>exp</c> after <paramref name="expiresIn"/>, none when null
    /// or zero) and lists it in <c>accounts.&lt;account&gt;.tokens</c> (<c>admin.tokens</c> for admin) in the same
    /// write. Refusals: NotFound for an unknown account, AlreadyExists for a used id, FailedPrecondition without the
    /// <c>apiKey</c> capability (admin has only <c>login</c> unless <c>accounts.admin: apiKey</c> adds it).
    /// </summary>
    public async Task<AuthResult<string>> GenerateTokenAsync(string account, string? id = null, TimeSpan? expiresIn = null, CancellationToken cancellationToken = default)
    {
        var tokenId = string.IsNullOrEmpty(id) ? Guid.NewGuid().ToString() : id;
        string? token = null;
        var refused = await _settings.UpdateSecretAsync((settings, data) =>
        {
            if (settings.FindAccount(account) is not { } found)
                return new AuthError(AuthFailure.UnknownAccount, AuthErrorCode.NotFound, AuthMessages.TokenAccountNotFound(account));
            if (found.FindToken(tokenId) is not null)
                return new AuthError(AuthFailure.TokenIdExists, AuthErrorCode.AlreadyExists, AuthMessages.TokenIdExists(tokenId));
            if (!found.HasCapability(AccountCapability.ApiKey))
                return new AuthError(AuthFailure.MissingCapability, AuthErrorCode.FailedPrecondition, AuthMessages.TokenMissingApiKey(account));
            var now = _time.GetUtcNow().ToUnixTimeSeconds();
            var lifetime = expiresIn is { } life && life > TimeSpan.Zero ? (long)life.TotalSeconds : 0;
            token = Sign(settings, $"{account}:{AccountCapability.ApiKey.Name()}", lifetime > 0 ? TimeSpan.FromSeconds(lifetime) : null, tokenId);
            data.Set(AuthNames.AccountKey(account, AuthNames.TokensSuffix), AccountToken.Write([.. found.Tokens, new AccountToken(tokenId, now, lifetime > 0 ? now + lifetime : 0)]));
            return null;
        }, cancellationToken);
        if (refused is not null) return refused;
        AuthLog.ApiKeyCreated(_logger, account, tokenId);
        return AuthResult<string>.Success(token!);
    }

    /// <summary>An account's API keys, newest first (as <c>GET /api/v1/account/{name}</c> lists them); NotFound for an unknown account.</summary>
    public async Task<AuthResult<IReadOnlyList<AccountToken>>> ListTokensAsync(string account, CancellationToken cancellationToken = default)
    {
        if ((await _settings.GetAsync(cancellationToken)).FindAccount(account) is not { } found)
            return new AuthError(AuthFailure.UnknownAccount, AuthErrorCode.NotFound, AuthMessages.AccountNotFound(account));
        return AuthResult<IReadOnlyList<AccountToken>>.Success(found.Tokens.OrderByDescending(t => t.IssuedAt).ToList());
    }

    /// <summary>The local accounts by name (admin included), for <c>GET /api/v1/account</c>; RBAC filtering is the caller's.</summary>
    public async Task<IReadOnlyList<LocalAccount>> ListAccountsAsync(CancellationToken cancellationToken = default) =>
        (await _settings.GetAsync(cancellationToken)).Accounts.Values.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();

    /// <summary>
    /// <c>DELETE /api/v1/account/{name}/token/{id}</c>: removes the key from the account's list, after which it is
    /// refused (<c>account x does not have token with id y</c>). NotFound for an unknown account or id.
    /// </summary>
    public async Task<AuthError?> RevokeTokenAsync(string account, string id, CancellationToken cancellationToken = default)
    {
        var refused = await _settings.UpdateSecretAsync((settings, data) =>
        {
            if (settings.FindAccount(account) is not { } found)
                return new AuthError(AuthFailure.UnknownAccount, AuthErrorCode.NotFound, $"failed to delete account {account}: {AuthMessages.AccountNotFound(account)}");
            if (found.FindToken(id) is null)
                return new AuthError(AuthFailure.TokenNotFound, AuthErrorCode.NotFound, AuthMessages.TokenNotFound(account, id));
            var remaining = found.Tokens.Where(t => t.Id != id).ToList();
            // As Argo CD: an empty list is not stored.
            if (remaining.Count == 0) data.Remove(AuthNames.AccountKey(account, AuthNames.TokensSuffix));
            else data.Set(AuthNames.AccountKey(account, AuthNames.TokensSuffix), AccountToken.Write(remaining));
            return null;
        }, cancellationToken);
        if (refused is null) AuthLog.ApiKeyDeleted(_logger, account, id);
        return refused;
    }
}
