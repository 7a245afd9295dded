namespace Keelson.Server.Auth;

/// <summary>What a local account may do, as <c>accounts.&lt;name&gt;: apiKey, login</c> in <c>argocd-cm</c> says.</summary>
public enum AccountCapability
{
    /// <summary><c>login</c>: may create sessions with a password (UI and CLI).</summary>
    Login,

    /// <summary><c>apiKey</c>: may have API keys generated for it.</summary>
    ApiKey,
}
