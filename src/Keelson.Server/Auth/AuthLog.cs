using Microsoft.Extensions.Logging;

namespace Keelson.Server.Auth;

/// <summary>The auth log lines. None takes a password, a hash, a token or a key.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "User {User} failed login {Count} time(s) (client: {Client})")]
    public static partial void LoginFailed(ILogger logger, string user, int count, string client);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {User} had too many failed logins (client: {Client})")]
    public static partial void TooManyFailures(ILogger logger, string user, string client);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exceeded number of concurrent login requests (user {User}, client: {Client})")]
    public static partial void TooManyConcurrentLogins(ILogger logger, string user, string client);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {User} logged in (client: {Client})")]
    public static partial void LoggedIn(ILogger logger, string user, string client);

    [LoggerMessage(Level = LogLevel.Information, Message = "user '{User}' updated password of user '{Account}'")]
    public static partial void PasswordUpdated(ILogger logger, string user, string account);

    [LoggerMessage(Level = LogLevel.Information, Message = "account {Account}: API key {Id} created")]
    public static partial void ApiKeyCreated(ILogger logger, string account, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "account {Account}: API key {Id} deleted")]
    public static partial void ApiKeyDeleted(ILogger logger, string account, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Initialized admin password ({Secret} holds it until deleted)")]
    public static partial void AdminPasswordInitialized(ILogger logger, string secret);

    [LoggerMessage(Level = LogLevel.Information, Message = "Initialized admin mtime")]
    public static partial void AdminMtimeInitialized(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Initialized server signature")]
    public static partial void SignatureInitialized(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "admin disabled")]
    public static partial void AdminDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "auth settings: {Warning}")]
    public static partial void SettingsWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Namespace}/{Secret}: write conflicted; retrying (attempt {Attempt})")]
    public static partial void WriteConflict(ILogger logger, string @namespace, string secret, int attempt);
}
