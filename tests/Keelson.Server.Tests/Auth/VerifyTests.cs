using System.Security.Cryptography;
using System.Text;
using Keelson.Server.Auth;

namespace Keelson.Server.Tests.Auth;

[Collection(AuthClusterCollection.Name)]
public sealed class VerifyTests(AuthCluster cluster)
{
    private static async Task<byte[]> KeyAsync(AuthHarness auth) =>
        Encoding.UTF8.GetBytes((await auth.ReadSecretAsync(AuthNames.Secret)).GetString(AuthNames.ServerSecretKey)!);

    private static Dictionary<string, object> AdminClaims(AuthHarness auth, TimeSpan? lifetime = null) =>
        TestTokens.Claims("admin:login", auth.Time.GetUtcNow(), lifetime ?? TimeSpan.FromHours(1), Guid.NewGuid().ToString());

    [Fact]
    public async Task A_token_signed_elsewhere_with_the_server_key_is_accepted()
    {
        using var auth = await AuthHarness.StartAsync(cluster);

        var verified = await auth.AcceptedAsync(TestTokens.Hs256(await KeyAsync(auth), AdminClaims(auth)));

        Assert.Equal(("admin", TokenKind.Login), (verified.Subject, verified.Kind));
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        using var auth = await AuthHarness.StartAsync(cluster);
        var token = await auth.LoginAsync("admin", await auth.AdminPasswordAsync());

        auth.Time.Advance(TimeSpan.FromHours(24));
        var refused = await auth.RefusedAsync(token);

        Assert.Equal(AuthFailure.Expired, refused.Failure);
        Assert.Equal(("invalid session: token has invalid claims: token is expired", 401), (refused.Message, refused.HttpStatus));
    }

    [Fact]
    public async Task A_token_not_valid_yet_is_refused()
    {
        using var auth = await AuthHarness.StartAsync(cluster);
        var claims = AdminClaims(auth);
        claims["nbf"] = auth.Time.GetUtcNow().ToUnixTimeSeconds() + 60;

        var refused = await auth.RefusedAsync(TestTokens.Hs256(await KeyAsync(auth), claims));

        Assert.Equal((AuthFailure.NotYetValid, "invalid session: token has invalid claims: token is not valid yet"), (refused.Failure, refused.Message));
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        using var auth = await AuthHarness.StartAsync(cluster);

        var refused = await auth.RefusedAsync(TestTokens.Hs256(RandomNumberGenerator.GetBytes(32), AdminClaims(auth)));

        Assert.Equal((AuthFailure.BadSignature, "invalid session: token signature is invalid: signature is invalid"), (refused.Failure, refused.Message));
    }

    [Theory]
    [InlineData("none", "")]
    [InlineData("RS256", "c2lnbmF0dXJl")]
    [InlineData("ES256", "c2lnbmF0dXJl")]
    public async Task A_token_of_another_algorithm_is_refused_before_its_signature_is_read(string alg, string signature)
    {
        using var auth = await AuthHarness.StartAsync(cluster);

        var refused = await auth.RefusedAsync(TestTokens.WithAlgorithm(alg, AdminClaims(auth), signature));

        Assert.Equal(AuthFailure.UnsupportedAlgorithm, refused.Failure);
        Assert.Equal($"invalid session: token is unverifiable: error while executing keyfunc: unexpected signing method: {alg}", refused.Message);
    }

    [Fact]
    public async Task A_token_with_an_algorithm_golang_jwt_does_not_know_is_unverifiable()
    {
        using var auth = await AuthHarness.StartAsync(cluster);

        var unknown = await auth.RefusedAsync(TestTokens.WithAlgorithm("HS1", AdminClaims(auth), "c2ln"));

        Assert.Equal("invalid session: token is unverifiable: signing method (alg) is unavailable", unknown.Message);
    }

    [Theory]
    [InlineData("not-a-token", "token is malformed: token contains an invalid number of segments")]
    [InlineData("a.b.c.d", "token is malformed: token contains an invalid number of segments")]
    [InlineData("!!!.e30.", "token is malformed: could not base64 decode header")]
    [InlineData("e30=.e30.", "token is malformed: could not base64 decode header")]
    [InlineData("bm90IGpzb24.e30.", "token is malformed: could not JSON decode header")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.WzFd.", "token is malformed: could not JSON decode claim")]
    public async Task A_malformed_token_is_refused(string token, string message)
    {
        using var auth = await AuthHarness.StartAsync(cluster);

        var refused = await auth.RefusedAsync(token);

        Assert.Equal((AuthFailure.Malformed, "invalid session: " + message), (refused.Failure, refused.Message));
    }

    [Fact]
    public async Task A_token_of_another_issuer_is_an_SSO_token_and_SSO_is_not_configured()
    {
        using var auth = await AuthHarness.StartAsync(cluster);
        var claims = AdminClaims(auth);
        claims["iss"] = "https://dex.example.com";

        var refused = await auth.RefusedAsync(TestTokens.Hs256(await KeyAsync(auth), claims));

        Assert.Equal((AuthFailure.UnknownIssuer, "invalid session: SSO is not configured"), (refused.Failure, refused.Message));
    }

    [Fact]
    public async Task A_token_without_iat_or_jti_is_refused()
    {
        using var auth = await AuthHarness.StartAsync(cluster);
        var key = await KeyAsync(auth);
        var noIat = AdminClaims(auth);
        noIat.Remove("iat");
        var noJti = AdminClaims(auth);
        noJti.Remove("jti");

        Assert.Equal("invalid session: token does not have iat claim", (await auth.RefusedAsync(TestTokens.Hs256(key, noIat))).Message);
        Assert.Equal(
            "invalid session: token does not have a unique identifier (jti claim) and cannot be validated",
            (await auth.RefusedAsync(TestTokens.Hs256(key, noJti))).Message);
    }

    [Fact]
    public async Task A_token_issued_before_a_password_change_is_refused()
    {
        using var auth = await AuthHarness.StartAsync(cluster);
        var password = await auth.AdminPasswordAsync();
        var before = await auth.LoginAsync("admin", password);

        auth.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await auth.Sessions.UpdatePasswordAsync("admin", password, "a-new-password"));

        var refused = await auth.RefusedAsync(before);
        Assert.Equal((AuthFailure.PasswordChanged, "invalid session: account password has changed since token issued"), (refused.Failure, refused.Message));
        await auth.AcceptedAsync(await auth.LoginAsync("admin", "a-new-password"));
        Assert.Equal(AuthFailure.InvalidCredentials, (await auth.Sessions.LoginAsync("admin", password)).Error?.Failure);
    }

    [Fact]
    public async Task A_login_token_near_its_expiry_comes_back_with_a_renewed_one()
    {
        using var auth = await AuthHarness.StartAsync(cluster);
        var token = await auth.LoginAsync("admin", await auth.AdminPasswordAsync());

        auth.Time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(6));
        Assert.Null((await auth.AcceptedAsync(token)).RenewedToken);

        auth.Time.Advance(TimeSpan.FromMinutes(2));
        var renewed = (await auth.AcceptedAsync(token)).RenewedToken;

        Assert.NotNull(renewed);
        var claims = TestTokens.Payload(renewed);
        Assert.Equal("admin:login", claims["sub"]!.GetValue<string>());
        Assert.Equal(auth.Time.GetUtcNow().ToUnixTimeSeconds() + (24 * 3600), claims["exp"]!.GetValue<long>());
        Assert.NotEqual(TestTokens.Payload(token)["jti"]!.GetValue<string>(), claims["jti"]!.GetValue<string>());
        Assert.Null((await auth.AcceptedAsync(renewed)).RenewedToken);
    }

    [Fact]
    public async Task A_logged_out_session_is_refused()
    {
        using var auth = await AuthHarness.StartAsync(cluster);
        var token = await auth.LoginAsync("admin", await auth.AdminPasswordAsync());

        auth.Sessions.RevokeSession(await auth.AcceptedAsync(token));

        Assert.Equal((AuthFailure.SessionRevoked, "invalid session: token is revoked, please re-login"), ((await auth.RefusedAsync(token)).Failure, (await auth.RefusedAsync(token)).Message));
        await auth.AcceptedAsync(await auth.LoginAsync("admin", await auth.AdminPasswordAsync()));
    }

    [Fact]
    public async Task A_token_of_an_account_that_does_not_exist_is_refused()
    {
        using var auth = await AuthHarness.StartAsync(cluster);
        var claims = TestTokens.Claims("ghost:login", auth.Time.GetUtcNow(), TimeSpan.FromHours(1), "id");

        var refused = await auth.RefusedAsync(TestTokens.Hs256(await KeyAsync(auth), claims));

        Assert.Equal((AuthFailure.UnknownAccount, "invalid session: account 'ghost' does not exist"), (refused.Failure, refused.Message));
    }

    [Fact]
    public async Task A_project_role_token_is_handed_to_RBAC_with_its_iat_and_jti()
    {
        using var auth = await AuthHarness.StartAsync(cluster);
        var token = await auth.Sessions.CreateTokenAsync("proj:default:ci", TimeSpan.FromHours(1), "token-1");

        var verified = await auth.AcceptedAsync(token);

        Assert.Equal(("proj:default:ci", TokenKind.ProjectRole, "token-1"), (verified.Subject, verified.Kind, verified.Id));
        Assert.Equal(auth.Time.GetUtcNow(), verified.IssuedAt);
        Assert.Equal(auth.Time.GetUtcNow().AddHours(1), verified.ExpiresAt);
        var rbac = verified.ToRbacClaims();
        Assert.Equal(("proj:default:ci", auth.Time.GetUtcNow().ToUnixTimeSeconds(), "token-1"), (rbac.Subject, rbac.IssuedAt, rbac.Id));

        auth.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(AuthFailure.Expired, (await auth.RefusedAsync(token)).Failure);
    }
}
