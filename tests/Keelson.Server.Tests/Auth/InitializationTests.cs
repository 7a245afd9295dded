using System.Text;
using Keelson.Server.Auth;

namespace Keelson.Server.Tests.Auth;

[Collection(AuthClusterCollection.Name)]
public sealed class InitializationTests(AuthCluster cluster)
{
    [Fact]
    public async Task First_start_creates_the_signing_key_and_an_initial_admin_password_that_logs_in()
    {
        using var auth = await AuthHarness.StartAsync(cluster);

        var secret = await auth.ReadSecretAsync(AuthNames.Secret);
        var key = secret.GetString(AuthNames.ServerSecretKey)!;
        Assert.Equal(32, Convert.FromBase64String(key).Length);
        Assert.StartsWith("$2a$10$", secret.GetString(AuthNames.AdminPasswordKey));
        Assert.Equal(Keelson.Resources.KubeTime.Format(auth.Time.GetUtcNow()), secret.GetString(AuthNames.AdminPasswordMtimeKey));
        var password = await auth.AdminPasswordAsync();
        Assert.Matches("^[0-9A-Za-z-]{16}$", password);
        Assert.True(BCrypt.Net.BCrypt.Verify(password, secret.GetString(AuthNames.AdminPasswordKey)));

        var token = await auth.LoginAsync("admin", password);

        Assert.Equal("HS256", TestTokens.Header(token)["alg"]!.GetValue<string>());
        var claims = TestTokens.Payload(token);
        var now = auth.Time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal("argocd", claims["iss"]!.GetValue<string>());
        Assert.Equal("admin:login", claims["sub"]!.GetValue<string>());
        Assert.Equal(now, claims["iat"]!.GetValue<long>());
        Assert.Equal(now, claims["nbf"]!.GetValue<long>());
        Assert.Equal(now + (24 * 3600), claims["exp"]!.GetValue<long>());
        Assert.True(Guid.TryParse(claims["jti"]!.GetValue<string>(), out _));
        Assert.True(await TestTokens.IdentityModelAcceptsAsync(token, Encoding.UTF8.GetBytes(key)), "Microsoft.IdentityModel does not accept the token as HS256 with server.secretkey");

        var verified = await auth.AcceptedAsync(token);
        Assert.Equal("admin", verified.Subject);
        Assert.Equal(TokenKind.Login, verified.Kind);
        Assert.Equal("admin", verified.Claims["sub"]!.GetValue<string>());
        Assert.Null(verified.RenewedToken);
        Assert.Equal("admin", verified.ToRbacClaims().Subject);
    }

    [Fact]
    public async Task Initialisation_keeps_what_is_there_and_creates_no_initial_password_when_admin_has_one()
    {
        using var auth = await AuthHarness.StartAsync(cluster, initialize: false);
        var hash = BCrypt.Net.BCrypt.HashPassword("kept-password", 4);
        await auth.CreateSecretAsync(AuthNames.Secret, new Dictionary<string, string>
        {
            [AuthNames.ServerSecretKey] = "Hello, world!",
            [AuthNames.AdminPasswordKey] = hash,
            ["webhook.github.secret"] = "other settings stay",
        });

        await auth.Store.InitializeAsync();
        await auth.Store.InitializeAsync();

        var secret = await auth.ReadSecretAsync(AuthNames.Secret);
        Assert.Equal("Hello, world!", secret.GetString(AuthNames.ServerSecretKey));
        Assert.Equal(hash, secret.GetString(AuthNames.AdminPasswordKey));
        Assert.Equal("other settings stay", secret.GetString("webhook.github.secret"));
        Assert.NotNull(secret.GetString(AuthNames.AdminPasswordMtimeKey));
        Assert.Null(await auth.GetSecretAsync(AuthNames.InitialAdminSecret));
        // A short key Argo CD's tests use still signs and verifies.
        await auth.AcceptedAsync(await auth.LoginAsync("admin", "kept-password"));
    }

    [Fact]
    public async Task A_disabled_admin_gets_no_password_but_the_server_still_gets_a_key()
    {
        using var auth = await AuthHarness.StartAsync(cluster, new Dictionary<string, string> { [AuthNames.AdminEnabledKey] = "false" });

        var secret = await auth.ReadSecretAsync(AuthNames.Secret);
        Assert.NotNull(secret.GetString(AuthNames.ServerSecretKey));
        Assert.Null(secret.GetString(AuthNames.AdminPasswordKey));
        Assert.Null(await auth.GetSecretAsync(AuthNames.InitialAdminSecret));
    }

    [Fact]
    public async Task Replicas_starting_together_agree_on_one_key_and_one_admin_password()
    {
        using var auth = await AuthHarness.StartAsync(cluster, initialize: false);
        var replicas = Enumerable.Range(0, 4).Select(_ => auth.NewStore()).ToList();

        await Task.WhenAll(replicas.Select(r => r.InitializeAsync()));

        var password = await auth.AdminPasswordAsync();
        var token = await auth.LoginAsync("admin", password);
        foreach (var replica in replicas)
        {
            using var sessions = new SessionManager(replica, new SessionOptions { VerificationDelayNoise = false });
            Assert.True((await sessions.VerifyAsync(token)).Succeeded, "a replica does not accept another's token: they hold different keys");
        }
    }

    [Fact]
    public async Task An_initial_password_left_by_an_interrupted_start_is_the_one_hashed()
    {
        using var auth = await AuthHarness.StartAsync(cluster, initialize: false);
        await auth.CreateSecretAsync(AuthNames.InitialAdminSecret, new Dictionary<string, string> { [AuthNames.InitialPasswordKey] = "left-by-a-crash" });

        await auth.Store.InitializeAsync();

        Assert.Equal("left-by-a-crash", await auth.AdminPasswordAsync());
        await auth.LoginAsync("admin", "left-by-a-crash");
    }
}
