using Keelson.Server.Auth;

namespace Keelson.Server.Tests.Auth;

[Collection(AuthClusterCollection.Name)]
public sealed class SecretHygieneTests(AuthCluster cluster)
{
    [Fact]
    public async Task No_password_appears_in_any_log_line_or_error_message()
    {
        using var auth = await AuthHarness.StartAsync(cluster, new Dictionary<string, string> { ["accounts.alice"] = "login, apiKey", ["accounts.alice.enabled"] = "maybe" });
        var initial = await auth.AdminPasswordAsync();
        string[] passwords = [initial, "Wrong-Guess-1", "Alice-Secret-2", "Admin-Secret-3", "tiny"];
        var messages = new List<string>();
        async Task Collect<T>(Task<AuthResult<T>> step) => messages.Add((await step).Error?.Message ?? "");
        async Task CollectError(Task<AuthError?> step) => messages.Add((await step)?.Message ?? "");

        await Collect(auth.Sessions.LoginAsync("admin", "Wrong-Guess-1"));
        await Collect(auth.Sessions.LoginAsync("Wrong-Guess-1", initial));
        await CollectError(auth.Sessions.UpdatePasswordAsync("admin", "Wrong-Guess-1", "Admin-Secret-3"));
        await CollectError(auth.Sessions.UpdatePasswordAsync("admin", initial, "tiny"));
        await CollectError(auth.Sessions.UpdatePasswordAsync("admin", initial, "Alice-Secret-2", "alice"));
        await Collect(auth.Sessions.LoginAsync("alice", "Alice-Secret-2"));
        await CollectError(auth.Sessions.UpdatePasswordAsync("admin", initial, "Admin-Secret-3"));
        await Collect(auth.Sessions.LoginAsync("admin", "Admin-Secret-3"));
        for (var i = 0; i < 6; i++) await Collect(auth.Sessions.LoginAsync("admin", "Wrong-Guess-1"));
        var failure = await Record.ExceptionAsync(() => new SessionManager(new AuthSettingsStore(auth.Client, "no-such-namespace")).LoginAsync("admin", initial));
        messages.Add(failure?.ToString() ?? "");

        var logs = auth.Logs.Lines;
        Assert.Contains(logs, l => l.Contains("User admin failed login", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("Initialized admin password", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("accounts.alice.enabled", StringComparison.Ordinal));
        foreach (var password in passwords)
        {
            // The username field is logged as typed, as Argo CD does: a password typed there is the one exception.
            Assert.DoesNotContain(logs, l => l.Contains(password, StringComparison.Ordinal) && !l.Contains("User Wrong-Guess-1 failed login", StringComparison.Ordinal));
            Assert.DoesNotContain(messages, m => m.Contains(password, StringComparison.Ordinal));
        }
    }
}
