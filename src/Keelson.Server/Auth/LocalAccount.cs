namespace Keelson.Server.Auth;

/// <summary>
/// A local account as <c>argocd-cm</c> and <c>argocd-secret</c> describe it together (AC: util/settings/accounts.go).
/// <see cref="PasswordHash"/> is a bcrypt hash, empty when the account has no password (it can then only hold API keys).
/// </summary>
public sealed record LocalAccount(string Name)
{
    public string PasswordHash { get; init; } = "";

    /// <summary>When the password last changed: tokens issued before it are refused.</summary>
    public DateTimeOffset? PasswordMtime { get; init; }

    public bool Enabled { get; init; } = true;

    public IReadOnlyList<AccountCapability> Capabilities { get; init; } = [];

    /// <summary>Its API keys; a key whose id is not here is revoked.</summary>
    public IReadOnlyList<AccountToken> Tokens { get; init; } = [];

    public bool HasCapability(AccountCapability capability) => Capabilities.Contains(capability);

    public AccountToken? FindToken(string id) => Tokens.FirstOrDefault(t => t.Id == id);
}
