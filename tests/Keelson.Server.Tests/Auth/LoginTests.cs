using Keelson.Server.Auth;

namespace Keelson.Server.Tests.Auth;

[Collection(AuthClusterCollection.Name)]
public sealed class LoginTests(AuthCluster cluster)
{
    private static readonly Dictionary<string, string> Accounts = new()
    {
        ["accounts.alice"] = "apiKey, login",
        ["accounts.bob"] = "login",
        ["accounts.bob.enabled"] = "false",
        ["accounts.carol"] = "apiKey",
    };

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_401()
    {
        using var auth = await AuthHarness.StartAsync(cluster);

        var wrong = (await auth.Sessions.LoginAsync("admin", "not-the-password")).Error!;
        var unknown = (await auth.Sessions.LoginAsync("mallory", "not-the-password")).Error!;

        Assert.Equal(AuthFailure.InvalidCredentials, wrong.Failure);
        Assert.Equal(("Invalid username or password", 401), (wrong.Message, wrong.HttpStatus));
        Assert.Equal((wrong.Message, wrong.Code), (unknown.Message, unknown.Code));
    }

    [Fact]
    public async Task Missing_credentials_and_long_usernames_are_refused_before_any_check()
    {
        using var auth = await AuthHarness.StartAsync(cluster);

        var blank = (await auth.Sessions.LoginAsync("admin", "")).Error!;
        var tooLong = (await auth.Sessions.LoginAsync(new string('a', 33), "whatever-password")).Error!;

        Assert.Equal(("no credentials supplied", 401), (blank.Message, blank.HttpStatus));
        Assert.Equal(("Username is too long (32 bytes max)", 400), (tooLong.Message, tooLong.HttpStatus));
    }

    [Fact]
    public async Task Five_failures_lock_a_username_for_300_seconds_even_with_the_right_password()
    {
        using var auth = await AuthHarness.StartAsync(cluster);
        var password = await auth.AdminPasswordAsync();
        for (var i = 0; i < 5; i++)
            Assert.Equal(AuthFailure.InvalidCredentials, (await auth.Sessions.LoginAsync("admin", $"guess-{i}")).Error?.Failure);

        var locked = (await auth.Sessions.LoginAsync("admin", password)).Error;
        Assert.Equal(AuthFailure.TooManyFailedLogins, locked?.Failure);
        Assert.Equal(("Invalid username or password", 401), (locked!.Message, locked.HttpStatus));

        auth.Time.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal(AuthFailure.TooManyFailedLogins, (await auth.Sessions.LoginAsync("admin", password)).Error?.Failure);

        auth.Time.Advance(TimeSpan.FromSeconds(2));
        await auth.LoginAsync("admin", password);
    }

    [Fact]
    public async Task The_failure_count_is_per_username_and_a_success_resets_it()
    {
        using var auth = await AuthHarness.StartAsync(cluster);
        var password = await auth.AdminPasswordAsync();
        for (var i = 0; i < 5; i++) await auth.Sessions.LoginAsync("mallory", "guess");
        Assert.Equal(AuthFailure.TooManyFailedLogins, (await auth.Sessions.LoginAsync("mallory", "guess")).Error?.Failure);

        for (var i = 0; i < 4; i++) await auth.Sessions.LoginAsync("admin", "guess");
        await auth.LoginAsync("admin", password);
        for (var i = 0; i < 4; i++) await auth.Sessions.LoginAsync("admin", "guess");

        await auth.LoginAsync("admin", password);
    }

    [Fact]
    public async Task A_local_account_of_argocd_cm_logs_in_once_it_has_a_password()
    {
        using var auth = await AuthHarness.StartAsync(cluster, Accounts);
        var admin = await auth.AdminPasswordAsync();
        Assert.Equal(AuthFailure.InvalidCredentials, (await auth.Sessions.LoginAsync("alice", "alice-password")).Error?.Failure);

        Assert.Null(await auth.Sessions.UpdatePasswordAsync("admin", admin, "alice-password", account: "alice"));
        var token = await auth.LoginAsync("alice", "alice-password");

        Assert.Equal("alice:login", TestTokens.Payload(token)["sub"]!.GetValue<string>());
        var verified = await auth.AcceptedAsync(token);
        Assert.Equal(("alice", TokenKind.Login), (verified.Subject, verified.Kind));
        var alice = (await auth.Sessions.ListAccountsAsync()).Single(a => a.Name == "alice");
        Assert.Equal(new[] { AccountCapability.ApiKey, AccountCapability.Login }, alice.Capabilities);
    }

    [Fact]
    public async Task A_disabled_account_is_told_so_only_with_the_right_password_and_its_tokens_stop_working()
    {
        using var auth = await AuthHarness.StartAsync(cluster, Accounts);
        var admin = await auth.AdminPasswordAsync();
        await auth.Sessions.UpdatePasswordAsync("admin", admin, "bob-password", account: "bob");
        Assert.Equal(AuthFailure.InvalidCredentials, (await auth.Sessions.LoginAsync("bob", "wrong-password")).Error?.Failure);

        var disabled = (await auth.Sessions.LoginAsync("bob", "bob-password")).Error!;
        Assert.Equal(("Account bob is disabled", 401), (disabled.Message, disabled.HttpStatus));

        var token = await auth.LoginAsync("admin", admin);
        await auth.SetConfigMapAsync(new Dictionary<string, string>(Accounts) { [AuthNames.AdminEnabledKey] = "false" });
        auth.ExpireCache();
        var refused = await auth.RefusedAsync(token);
        Assert.Equal((AuthFailure.AccountDisabled, "invalid session: account admin is disabled"), (refused.Failure, refused.Message));
    }

    [Fact]
    public async Task An_account_without_the_login_capability_cannot_log_in()
    {
        using var auth = await AuthHarness.StartAsync(cluster, Accounts);
        await auth.Sessions.UpdatePasswordAsync("admin", await auth.AdminPasswordAsync(), "carol-password", account: "carol");

        var refused = (await auth.Sessions.LoginAsync("carol", "carol-password")).Error!;

        Assert.Equal((AuthFailure.MissingCapability, "Account carol does not have login capability"), (refused.Failure, refused.Message));
    }

    [Fact]
    public async Task The_session_lifetime_comes_from_users_session_duration()
    {
        using var auth = await AuthHarness.StartAsync(cluster, new Dictionary<string, string> { [AuthNames.SessionDurationKey] = "2h" });

        var claims = TestTokens.Payload(await auth.LoginAsync("admin", await auth.AdminPasswordAsync()));

        Assert.Equal(2 * 3600, claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>());
    }

    [Fact]
    public async Task With_delay_noise_a_refused_login_takes_at_least_half_a_second()
    {
        using var auth = await AuthHarness.StartAsync(cluster, options: new SessionOptions());
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        await auth.Sessions.LoginAsync("mallory", "guess");

        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(500), "the unknown user was answered before the noise delay");
    }
}
