namespace Keelson.Server.Auth;

/// <summary>
/// The names Argo CD's local-account authentication keeps its state under (AC: util/settings/settings.go,
/// util/settings/accounts.go, common/common.go): the ConfigMap and Secrets of the control namespace, their keys,
/// the token issuer and the cookie.
/// </summary>
public static class AuthNames
{
    public const string DefaultNamespace = "argocd";

    /// <summary>The ConfigMap of accounts and their capabilities, enabled flags, anonymous access, session length, password pattern.</summary>
    public const string ConfigMap = "argocd-cm";

    /// <summary>The Secret of password hashes and mtimes, API-key lists and the signing key.</summary>
    public const string Secret = "argocd-secret";

    /// <summary>The Secret holding the generated admin password in clear, key <see cref="InitialPasswordKey"/>.</summary>
    public const string InitialAdminSecret = "argocd-initial-admin-secret";

    public const string InitialPasswordKey = "password";

    /// <summary>The built-in superuser; its keys are <c>admin.*</c> rather than <c>accounts.admin.*</c>.</summary>
    public const string Admin = "admin";

    /// <summary>The HMAC key of every token the server issues, in <see cref="Secret"/>.</summary>
    public const string ServerSecretKey = "server.secretkey";

    public const string AdminPasswordKey = "admin.password";
    public const string AdminPasswordMtimeKey = "admin.passwordMtime";
    public const string AdminTokensKey = "admin.tokens";

    /// <summary>In <see cref="ConfigMap"/>: <c>"false"</c> disables the admin account.</summary>
    public const string AdminEnabledKey = "admin.enabled";

    /// <summary>The prefix of local-account keys: <c>accounts.&lt;name&gt;</c> (capabilities) and <c>accounts.&lt;name&gt;.&lt;suffix&gt;</c>.</summary>
    public const string AccountsPrefix = "accounts.";

    public const string PasswordSuffix = "password";
    public const string PasswordMtimeSuffix = "passwordMtime";
    public const string TokensSuffix = "tokens";
    public const string EnabledSuffix = "enabled";

    public const string AnonymousEnabledKey = "users.anonymous.enabled";
    public const string SessionDurationKey = "users.session.duration";
    public const string PasswordPatternKey = "passwordPattern";

    /// <summary>Argo CD's default password rule: 8 to 32 characters.</summary>
    public const string DefaultPasswordPattern = "^.{8,32}$";

    /// <summary>The <c>iss</c> of every token the server issues; other issuers are SSO tokens.</summary>
    public const string Issuer = "argocd";

    /// <summary>The session cookie; past ~4 KB it is split into <c>argocd.token-1</c>, <c>argocd.token-2</c>, ….</summary>
    public const string CookieName = "argocd.token";

    /// <summary>The prefix of project-role token subjects: <c>proj:&lt;project&gt;:&lt;role&gt;</c>.</summary>
    public const string ProjectSubjectPrefix = "proj:";

    /// <summary>The key of an account's setting in <see cref="Secret"/> or <see cref="ConfigMap"/>: admin's are <c>admin.&lt;suffix&gt;</c>.</summary>
    public static string AccountKey(string account, string suffix) =>
        account == Admin ? $"{Admin}.{suffix}" : $"{AccountsPrefix}{account}.{suffix}";
}
