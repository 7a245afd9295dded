namespace Keelson.Server.Auth;

/// <summary>What a verified token was issued for, from its subject's suffix or prefix.</summary>
public enum TokenKind
{
    /// <summary><c>&lt;account&gt;:login</c>: a session from a password login; renewed near its expiry.</summary>
    Login,

    /// <summary><c>&lt;account&gt;:apiKey</c> (or a bare account name): an API key listed in the account's tokens.</summary>
    ApiKey,

    /// <summary><c>proj:&lt;project&gt;:&lt;role&gt;</c>: a project role's token, whose revocation the RBAC layer checks against the AppProject.</summary>
    ProjectRole,
}
