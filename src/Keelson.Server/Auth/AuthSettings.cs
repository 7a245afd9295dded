using System.Globalization;
using System.Text.RegularExpressions;

namespace Keelson.Server.Auth;

/// <summary>
/// One reading of the authentication settings of the control namespace: the local accounts (admin and those of
/// <c>argocd-cm</c>, with their hashes, mtimes and API keys from <c>argocd-secret</c>), the signing key, anonymous
/// access, the session lifetime and the password rule. Immutable; <see cref="AuthSettingsStore"/> makes new ones as
/// the objects change. <see cref="Parse"/> is pure and does not fail: a value it cannot read is a warning and a safe
/// default (an unreadable <c>enabled</c> or <c>passwordMtime</c> disables that account).
/// </summary>
public sealed partial record AuthSettings
{
    /// <summary>The HMAC key, the bytes of <c>server.secretkey</c> as stored; null until the server has initialised it.</summary>
    public byte[]? ServerSignature { get; init; }

    /// <summary>The local accounts by name; admin is always present.</summary>
    public IReadOnlyDictionary<string, LocalAccount> Accounts { get; init; } = new Dictionary<string, LocalAccount>();

    /// <summary><c>users.anonymous.enabled: "true"</c>: requests without a token act as the default RBAC role.</summary>
    public bool AnonymousUserEnabled { get; init; }

    /// <summary>The lifetime of login tokens, <c>users.session.duration</c> (default 24 h).</summary>
    public TimeSpan UserSessionDuration { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The rule new passwords must match, <c>passwordPattern</c> (default <see cref="AuthNames.DefaultPasswordPattern"/>).</summary>
    public string PasswordPattern { get; init; } = AuthNames.DefaultPasswordPattern;

    /// <summary>What could not be read, by key ("argocd-cm accounts.bob.enabled: 'maybe' is not a boolean; the account is disabled").</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public LocalAccount? FindAccount(string name) => Accounts.GetValueOrDefault(name);

    /// <summary>Reads the data of <c>argocd-cm</c> and <c>argocd-secret</c> (either may be empty when the object does not exist).</summary>
    public static AuthSettings Parse(IReadOnlyDictionary<string, string> configMap, IReadOnlyDictionary<string, byte[]> secret)
    {
        var warnings = new List<string>();
        var accounts = new Dictionary<string, LocalAccount>(StringComparer.Ordinal)
        {
            [AuthNames.Admin] = new LocalAccount(AuthNames.Admin) { Capabilities = [AccountCapability.Login] },
        };
        if (configMap.TryGetValue(AuthNames.AdminEnabledKey, out var adminEnabled))
        {
            if (ParseBool(adminEnabled) is { } enabled) accounts[AuthNames.Admin] = accounts[AuthNames.Admin] with { Enabled = enabled };
            else warnings.Add($"{AuthNames.ConfigMap} {AuthNames.AdminEnabledKey}: '{adminEnabled}' is not a boolean; ignored");
        }

        foreach (var (key, value) in configMap.Where(p => p.Key.StartsWith(AuthNames.AccountsPrefix, StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var parts = key.Split('.');
            if (parts.Length is not (2 or 3))
            {
                warnings.Add($"{AuthNames.ConfigMap} {key}: not an account key (accounts.<name> or accounts.<name>.<setting>); ignored");
                continue;
            }
            var name = parts[1];
            var account = accounts.GetValueOrDefault(name) ?? new LocalAccount(name);
            if (parts.Length == 2)
            {
                var capabilities = account.Capabilities.ToList();
                foreach (var item in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (AccountCapabilities.Parse(item) is not { } capability) warnings.Add($"{AuthNames.ConfigMap} {key}: '{item}' is not a capability (login, apiKey); ignored");
                    else if (!capabilities.Contains(capability)) capabilities.Add(capability);
                }
                account = account with { Capabilities = capabilities };
            }
            else if (parts[2] == AuthNames.EnabledSuffix)
            {
                var enabled = ParseBool(value);
                if (enabled is null) warnings.Add($"{AuthNames.ConfigMap} {key}: '{value}' is not a boolean; the account is disabled");
                account = account with { Enabled = enabled ?? false };
            }
            accounts[name] = account;
        }

        foreach (var account in accounts.Values.ToList())
            accounts[account.Name] = WithSecrets(account, secret, warnings);

        var settings = new AuthSettings
        {
            ServerSignature = secret.TryGetValue(AuthNames.ServerSecretKey, out var signature) && signature.Length > 0 ? signature : null,
            Accounts = accounts,
            AnonymousUserEnabled = configMap.GetValueOrDefault(AuthNames.AnonymousEnabledKey) == "true",
            PasswordPattern = configMap.GetValueOrDefault(AuthNames.PasswordPatternKey) is { Length: > 0 } pattern ? pattern : AuthNames.DefaultPasswordPattern,
        };
        if (configMap.TryGetValue(AuthNames.SessionDurationKey, out var duration))
        {
            if (ParseSessionDuration(duration) is { } parsed) settings = settings with { UserSessionDuration = parsed };
            else warnings.Add($"{AuthNames.ConfigMap} {AuthNames.SessionDurationKey}: '{duration}' is not a duration (<number><s|m|h|d>, e.g. 12h); the default 24h applies");
        }
        return settings with { Warnings = warnings };
    }

    /// <summary>Adds the password hash, its mtime and the API keys that <c>argocd-secret</c> holds for an account.</summary>
    private static LocalAccount WithSecrets(LocalAccount account, IReadOnlyDictionary<string, byte[]> secret, List<string> warnings)
    {
        string? Text(string suffix) =>
            secret.TryGetValue(AuthNames.AccountKey(account.Name, suffix), out var bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : null;

        if (Text(AuthNames.PasswordSuffix) is { } hash) account = account with { PasswordHash = hash };
        if (Text(AuthNames.PasswordMtimeSuffix) is { Length: > 0 } mtime)
        {
            if (DateTimeOffset.TryParseExact(mtime, Rfc3339, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                account = account with { PasswordMtime = parsed };
            }
            else
            {
                // Without the mtime no token's age can be judged: refuse them all rather than accept old ones.
                warnings.Add($"{AuthNames.Secret} {AuthNames.AccountKey(account.Name, AuthNames.PasswordMtimeSuffix)}: '{mtime}' is not an RFC 3339 time; the account is disabled");
                account = account with { Enabled = false };
            }
        }
        if (Text(AuthNames.TokensSuffix) is { } tokens)
        {
            if (AccountToken.ParseList(tokens) is { } list) account = account with { Tokens = list };
            else warnings.Add($"{AuthNames.Secret} {AuthNames.AccountKey(account.Name, AuthNames.TokensSuffix)}: not a JSON list of {{\"id\",\"iat\",\"exp\"}}; the account's API keys are refused");
        }
        return account;
    }

    /// <summary>Go's <c>time.RFC3339</c>, which also reads fractional seconds.</summary>
    private static readonly string[] Rfc3339 = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>Go's <c>strconv.ParseBool</c>.</summary>
    private static bool? ParseBool(string text) => text switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => null,
    };

    /// <summary>argoproj/pkg's <c>time.ParseDuration</c>: a whole number and one unit of s, m, h or d.</summary>
    internal static TimeSpan? ParseSessionDuration(string text)
    {
        var match = SessionDurationPattern().Match(text);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount)) return null;
        var unit = match.Groups[2].Value switch { "s" => 1L, "m" => 60L, "h" => 3600L, _ => 86400L };
        return amount > TimeSpan.MaxValue.TotalSeconds / unit ? null : TimeSpan.FromSeconds(amount * unit);
    }

    [GeneratedRegex(@"^(\d+)([smhd])$")]
    private static partial Regex SessionDurationPattern();
}
