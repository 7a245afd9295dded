using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Keelson.Server.Auth;

/// <summary>
/// Local-account authentication as Argo CD's session manager does it (AC: util/session/sessionmanager.go,
/// server/session, server/account): password logins that issue HS256 session tokens, the checks every request's
/// token goes through, API keys, and password changes. State lives in the control namespace's
/// <c>argocd-cm</c> and <c>argocd-secret</c> (through <see cref="AuthSettingsStore"/>); failed-login counts and
/// logged-out sessions live in this object's memory. Refusals are <see cref="AuthError"/>s with Argo CD's
/// messages; exceptions mean the cluster could not be reached or the server was not initialised. Does not check
/// RBAC: who may generate another account's key or change another's password is the HTTP layer's question.
/// </summary>
public sealed partial class SessionManager : IDisposable
{
    /// <summary>Argo CD's limit on local usernames, in bytes.</summary>
    public const int MaxUsernameLength = 32;

    private readonly AuthSettingsStore _settings;
    private readonly SessionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LoginFailures _failures;
    private readonly RevokedSessions _revoked;
    private readonly SemaphoreSlim? _concurrentLogins;

    public SessionManager(AuthSettingsStore settings, SessionOptions? options = null, ILogger<SessionManager>? logger = null)
    {
        _settings = settings;
        _options = options ?? new SessionOptions();
        _time = settings.Time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _failures = new LoginFailures(_time, _options.MaxLoginFailures, _options.FailureWindow, _options.MaxFailureEntries);
        _revoked = new RevokedSessions(_time);
        _concurrentLogins = _options.MaxConcurrentLogins > 0 ? new SemaphoreSlim(_options.MaxConcurrentLogins, _options.MaxConcurrentLogins) : null;
    }

    public AuthSettingsStore Settings => _settings;

    /// <summary>
    /// Signs a token for <paramref name="subject"/> (<c>&lt;account&gt;:login</c>, <c>&lt;account&gt;:apiKey</c>,
    /// <c>proj:&lt;project&gt;:&lt;role&gt;</c>) as Argo CD's <c>Create</c> does: <c>iss</c> argocd, <c>iat</c> and
    /// <c>nbf</c> now, <c>exp</c> after <paramref name="lifetime"/> (none when null or zero), <c>jti</c>
    /// <paramref name="id"/> (none when empty). Records nothing: project-role tokens are listed in the AppProject by
    /// whoever calls this; account API keys go through <see cref="GenerateTokenAsync"/>.
    /// </summary>
    public async Task<string> CreateTokenAsync(string subject, TimeSpan? lifetime, string id, CancellationToken cancellationToken = default) =>
        Sign(await _settings.GetAsync(cancellationToken), subject, lifetime, id);

    public void Dispose() => _concurrentLogins?.Dispose();

    private string Sign(AuthSettings settings, string subject, TimeSpan? lifetime, string id)
    {
        var key = SigningKey(settings);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        // Claims in the order golang-jwt writes RegisteredClaims.
        var claims = new JsonObject { ["iss"] = AuthNames.Issuer, ["sub"] = subject };
        if (lifetime is { } life && life > TimeSpan.Zero) claims["exp"] = now + (long)life.TotalSeconds;
        claims["nbf"] = now;
        claims["iat"] = now;
        if (id.Length > 0) claims["jti"] = id;
        return HmacJwt.Sign(claims, key);
    }

    private byte[] SigningKey(AuthSettings settings) => settings.ServerSignature
        ?? throw new InvalidOperationException($"{_settings.Namespace}/{AuthNames.Secret} has no {AuthNames.ServerSecretKey}: the server creates it when it starts (AuthSettingsStore.InitializeAsync)");

    /// <summary>Argo CD's <c>GetSubjectAccountAndCapability</c>: <c>name:login</c>, <c>name:apiKey</c>; anything else is an API key of the part before the first colon.</summary>
    private static (string Account, AccountCapability Capability) SplitSubject(string subject)
    {
        var parts = subject.Split(':');
        if (parts.Length < 2) return (subject, AccountCapability.ApiKey);
        return (parts[0], AccountCapabilities.Parse(parts[1]) ?? AccountCapability.ApiKey);
    }

    /// <summary>Argo CD's <c>GetProjectRoleFromSubject</c>: exactly <c>proj:&lt;project&gt;:&lt;role&gt;</c>.</summary>
    internal static bool IsProjectSubject(string subject) =>
        subject.StartsWith(AuthNames.ProjectSubjectPrefix, StringComparison.Ordinal) && subject.Split(':').Length == 3;
}
