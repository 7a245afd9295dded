using Keelson.Server.Auth;

namespace Keelson.Server.Tests.Auth;

[Collection(AuthClusterCollection.Name)]
public sealed class PasswordTests(AuthCluster cluster)
{
    [Fact]
    public async Task The_current_password_must_match_and_the_new_one_follow_the_default_rule()
    {
        using var auth = await AuthHarness.StartAsync(cluster);
        var password = await auth.AdminPasswordAsync();

        var wrong = (await auth.Sessions.UpdatePasswordAsync("admin", "not-it", "a-fine-new-password"))!;
        var tooShort = (await auth.Sessions.UpdatePasswordAsync("admin", password, "short"))!;
        var tooLong = (await auth.Sessions.UpdatePasswordAsync("admin", password, new string('x', 33)))!;

        Assert.Equal((AuthFailure.CurrentPasswordMismatch, "current password does not match", 400), (wrong.Failure, wrong.Message, wrong.HttpStatus));
        Assert.Equal(("new password does not match the following expression: ^.{8,32}$", 400), (tooShort.Message, tooShort.HttpStatus));
        Assert.Equal(AuthFailure.PasswordRejected, tooLong.Failure);
        await auth.LoginAsync("admin", password);
    }

    [Fact]
    public async Task A_password_pattern_in_argocd_cm_replaces_the_default()
    {
        using var auth = await AuthHarness.StartAsync(cluster, new Dictionary<string, string> { [AuthNames.PasswordPatternKey] = "^(?=.*[0-9]).{12,}$" });
        var password = await auth.AdminPasswordAsync();

        // Lookahead is not RE2: Argo CD's Go regexp refuses this pattern, and so does Keelson.
        var invalid = (await auth.Sessions.UpdatePasswordAsync("admin", password, "twelve-chars-1"))!;
        Assert.Equal((AuthFailure.InvalidPasswordPattern, 500), (invalid.Failure, invalid.HttpStatus));

        await auth.SetConfigMapAsync(new Dictionary<string, string> { [AuthNames.PasswordPatternKey] = "^[a-z0-9-]{12,}$" });
        auth.ExpireCache();
        Assert.Equal(
            "new password does not match the following expression: ^[a-z0-9-]{12,}$",
            (await auth.Sessions.UpdatePasswordAsync("admin", password, "Short-1"))?.Message);
        Assert.Null(await auth.Sessions.UpdatePasswordAsync("admin", password, "long-enough-password-of-forty-characters"));
        await auth.LoginAsync("admin", "long-enough-password-of-forty-characters");
    }

    [Fact]
    public async Task Changing_another_account_s_password_takes_the_caller_s_own_password()
    {
        using var auth = await AuthHarness.StartAsync(cluster, new Dictionary<string, string> { ["accounts.alice"] = "login" });
        var admin = await auth.AdminPasswordAsync();

        Assert.Equal(AuthFailure.CurrentPasswordMismatch, (await auth.Sessions.UpdatePasswordAsync("admin", "alice-old-password", "alice-password", "alice"))?.Failure);
        Assert.Null(await auth.Sessions.UpdatePasswordAsync("admin", admin, "alice-password", "alice"));
        var ghost = (await auth.Sessions.UpdatePasswordAsync("admin", admin, "ghost-password", "ghost"))!;

        Assert.Equal(("failed to update account password: account 'ghost' does not exist", 404), (ghost.Message, ghost.HttpStatus));
        var secret = await auth.ReadSecretAsync(AuthNames.Secret);
        Assert.StartsWith("$2a$10$", secret.GetString("accounts.alice.password"));
        Assert.Equal(Keelson.Resources.KubeTime.Format(auth.Time.GetUtcNow()), secret.GetString("accounts.alice.passwordMtime"));
        await auth.LoginAsync("alice", "alice-password");
        await auth.LoginAsync("admin", admin);
    }

    [Fact]
    public async Task A_project_token_cannot_change_a_password()
    {
        using var auth = await AuthHarness.StartAsync(cluster);

        var refused = (await auth.Sessions.UpdatePasswordAsync("proj:default:ci", "x", "a-new-password"))!;

        Assert.Equal((AuthFailure.NotLocalUser, "password can only be changed for local users, not user \"proj:default:ci\""), (refused.Failure, refused.Message));
    }
}
