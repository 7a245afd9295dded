using System.Text.Json.Nodes;
using Keelson.Server.Auth;

namespace Keelson.Server.Tests.Auth;

[Collection(AuthClusterCollection.Name)]
public sealed class ApiKeyTests(AuthCluster cluster)
{
    private static readonly Dictionary<string, string> Accounts = new() { ["accounts.ci"] = "apiKey", ["accounts.alice"] = "login" };

    [Fact]
    public async Task An_API_key_is_issued_listed_verified_and_after_revocation_refused()
    {
        using var auth = await AuthHarness.StartAsync(cluster, Accounts);

        var issued = await auth.Sessions.GenerateTokenAsync("ci", "deploy-bot", TimeSpan.FromDays(30));

        Assert.True(issued.Succeeded, issued.Error?.ToString());
        var claims = TestTokens.Payload(issued.Value);
        var now = auth.Time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(("ci:apiKey", "deploy-bot", now + (30 * 86400)), (claims["sub"]!.GetValue<string>(), claims["jti"]!.GetValue<string>(), claims["exp"]!.GetValue<long>()));
        var recorded = JsonNode.Parse((await auth.ReadSecretAsync(AuthNames.Secret)).GetString("accounts.ci.tokens")!)!.AsArray();
        Assert.Equal($$"""[{"id":"deploy-bot","iat":{{now}},"exp":{{now + (30 * 86400)}}}]""", recorded.ToJsonString());
        Assert.Equal(new[] { new AccountToken("deploy-bot", now, now + (30 * 86400)) }, (await auth.Sessions.ListTokensAsync("ci")).Value!);

        var verified = await auth.AcceptedAsync(issued.Value);
        Assert.Equal(("ci", TokenKind.ApiKey, "deploy-bot"), (verified.Subject, verified.Kind, verified.Id));
        Assert.Null(verified.RenewedToken);

        Assert.Null(await auth.Sessions.RevokeTokenAsync("ci", "deploy-bot"));

        var refused = await auth.RefusedAsync(issued.Value);
        Assert.Equal((AuthFailure.ApiKeyRevoked, "invalid session: account ci does not have token with id deploy-bot"), (refused.Failure, refused.Message));
        Assert.Null((await auth.ReadSecretAsync(AuthNames.Secret)).GetString("accounts.ci.tokens"));
    }

    [Fact]
    public async Task A_key_without_expiry_has_no_exp_claim_and_none_in_the_list()
    {
        using var auth = await AuthHarness.StartAsync(cluster, Accounts);

        var token = (await auth.Sessions.GenerateTokenAsync("ci")).Value!;

        var claims = TestTokens.Payload(token);
        Assert.Null(claims["exp"]);
        Assert.True(Guid.TryParse(claims["jti"]!.GetValue<string>(), out _));
        var recorded = JsonNode.Parse((await auth.ReadSecretAsync(AuthNames.Secret)).GetString("accounts.ci.tokens")!)!.AsArray().Single()!.AsObject();
        Assert.Equal(new[] { "id", "iat" }, recorded.Select(p => p.Key));
        auth.Time.Advance(TimeSpan.FromDays(3650));
        await auth.AcceptedAsync(token);
    }

    [Fact]
    public async Task A_key_with_an_expiry_stops_working_then()
    {
        using var auth = await AuthHarness.StartAsync(cluster, Accounts);
        var token = (await auth.Sessions.GenerateTokenAsync("ci", expiresIn: TimeSpan.FromMinutes(10))).Value!;

        auth.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(AuthFailure.Expired, (await auth.RefusedAsync(token)).Failure);
    }

    [Fact]
    public async Task Keys_are_refused_for_accounts_without_apiKey_unknown_accounts_and_used_ids()
    {
        using var auth = await AuthHarness.StartAsync(cluster, Accounts);
        await auth.Sessions.GenerateTokenAsync("ci", "taken");

        var admin = (await auth.Sessions.GenerateTokenAsync("admin")).Error!;
        var alice = (await auth.Sessions.GenerateTokenAsync("alice")).Error!;
        var ghost = (await auth.Sessions.GenerateTokenAsync("ghost")).Error!;
        var taken = (await auth.Sessions.GenerateTokenAsync("ci", "taken")).Error!;

        Assert.Equal((AuthFailure.MissingCapability, "failed to update account with new token: account 'admin' does not have apiKey capability", 400), (admin.Failure, admin.Message, admin.HttpStatus));
        Assert.Equal(AuthFailure.MissingCapability, alice.Failure);
        Assert.Equal(("failed to update account with new token: account 'ghost' does not exist", 404), (ghost.Message, ghost.HttpStatus));
        Assert.Equal(("failed to update account with new token: account already has token with id 'taken'", 409), (taken.Message, taken.HttpStatus));
        Assert.Single((await auth.Sessions.ListTokensAsync("ci")).Value!);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_is_NotFound()
    {
        using var auth = await AuthHarness.StartAsync(cluster, Accounts);

        var refused = (await auth.Sessions.RevokeTokenAsync("ci", "nope"))!;

        Assert.Equal(("failed to delete account ci: token with id 'nope' does not exist", 404), (refused.Message, refused.HttpStatus));
    }

    [Fact]
    public async Task A_key_made_by_another_replica_works_here_before_the_cache_would_expire()
    {
        using var auth = await AuthHarness.StartAsync(cluster, Accounts);
        await auth.Sessions.ListAccountsAsync();
        using var replica = new SessionManager(auth.NewStore(), new SessionOptions { VerificationDelayNoise = false });

        var token = (await replica.GenerateTokenAsync("ci", "from-the-other-replica")).Value!;
        auth.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("ci", (await auth.AcceptedAsync(token)).Subject);
    }

    [Fact]
    public async Task An_admin_given_apiKey_in_argocd_cm_may_have_keys()
    {
        using var auth = await AuthHarness.StartAsync(cluster, new Dictionary<string, string> { ["accounts.admin"] = "apiKey" });

        var token = await auth.Sessions.GenerateTokenAsync("admin", "admin-key");

        Assert.True(token.Succeeded, token.Error?.ToString());
        Assert.NotNull((await auth.ReadSecretAsync(AuthNames.Secret)).GetString(AuthNames.AdminTokensKey));
        Assert.Equal(TokenKind.ApiKey, (await auth.AcceptedAsync(token.Value)).Kind);
        await auth.LoginAsync("admin", await auth.AdminPasswordAsync());
    }
}
