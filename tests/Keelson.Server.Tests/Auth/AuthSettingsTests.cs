using System.Text;
using Keelson.Server.Auth;

namespace Keelson.Server.Tests.Auth;

public sealed class AuthSettingsTests
{
    private static AuthSettings Parse(Dictionary<string, string> cm, Dictionary<string, string>? secret = null) =>
        AuthSettings.Parse(cm, (secret ?? []).ToDictionary(p => p.Key, p => Encoding.UTF8.GetBytes(p.Value)));

    [Fact]
    public void Admin_exists_with_login_only_and_other_accounts_come_from_argocd_cm()
    {
        var settings = Parse(
            new() { ["accounts.alice"] = " apiKey ,login,  ", ["accounts.bob.enabled"] = "false", ["url"] = "https://cd.example.com" },
            new() { ["accounts.alice.password"] = "$2a$10$hash", ["accounts.alice.passwordMtime"] = "2024-05-01T10:00:00Z", ["accounts.alice.tokens"] = """[{"id":"k","iat":5}]""", ["accounts.eve.password"] = "$2a$10$x" });

        Assert.Equal(new[] { "admin", "alice", "bob" }, settings.Accounts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { AccountCapability.Login }, settings.Accounts["admin"].Capabilities);
        var alice = settings.Accounts["alice"];
        Assert.Equal((true, "$2a$10$hash", new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero)), (alice.Enabled, alice.PasswordHash, alice.PasswordMtime));
        Assert.Equal(new[] { AccountCapability.ApiKey, AccountCapability.Login }, alice.Capabilities);
        Assert.Equal(new[] { new AccountToken("k", 5) }, alice.Tokens);
        Assert.False(settings.Accounts["bob"].Enabled);
        Assert.Empty(settings.Accounts["bob"].Capabilities);
        Assert.Empty(settings.Warnings);
        Assert.Equal((TimeSpan.FromHours(24), "^.{8,32}$", false), (settings.UserSessionDuration, settings.PasswordPattern, settings.AnonymousUserEnabled));
        Assert.Null(settings.ServerSignature);
    }

    [Fact]
    public void Unreadable_values_are_warnings_and_fail_closed()
    {
        var settings = Parse(
            new() { ["accounts.alice"] = "login, sudo", ["accounts.alice.enabled"] = "yes", ["accounts.bob"] = "login", ["accounts.a.b.c"] = "login", ["users.session.duration"] = "1h30m", ["admin.enabled"] = "nope" },
            new() { ["accounts.bob.passwordMtime"] = "yesterday", ["admin.tokens"] = "{broken" });

        Assert.False(settings.Accounts["alice"].Enabled);
        Assert.False(settings.Accounts["bob"].Enabled);
        Assert.True(settings.Accounts["admin"].Enabled);
        Assert.Empty(settings.Accounts["admin"].Tokens);
        Assert.Equal(TimeSpan.FromHours(24), settings.UserSessionDuration);
        Assert.Equal(7, settings.Warnings.Count);
        Assert.Contains("argocd-cm accounts.alice: 'sudo' is not a capability (login, apiKey); ignored", settings.Warnings);
        Assert.Contains("argocd-secret accounts.bob.passwordMtime: 'yesterday' is not an RFC 3339 time; the account is disabled", settings.Warnings);
    }

    [Theory]
    [InlineData("45s", 45)]
    [InlineData("30m", 1800)]
    [InlineData("12h", 43200)]
    [InlineData("7d", 604800)]
    public void The_session_duration_is_a_number_and_one_unit(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Parse(new() { ["users.session.duration"] = text }).UserSessionDuration);

    [Fact]
    public void The_signing_key_anonymous_access_and_password_pattern_are_read()
    {
        var settings = Parse(new() { ["users.anonymous.enabled"] = "true", ["passwordPattern"] = "^.{12,}$" }, new() { ["server.secretkey"] = "c2VjcmV0" });

        Assert.Equal("c2VjcmV0"u8.ToArray(), settings.ServerSignature);
        Assert.True(settings.AnonymousUserEnabled);
        Assert.Equal("^.{12,}$", settings.PasswordPattern);
    }
}
