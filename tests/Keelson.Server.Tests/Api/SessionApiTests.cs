using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Keelson.Server.Tests.Api;

/// <summary>Sessions, cookies, API keys and can-i over real HTTPS, with the accounts of the seed's argocd-cm.</summary>
public sealed class SessionApiTests(ServerHarness harness) : IClassFixture<ServerHarness>
{
    [Fact]
    public async Task Login_answers_a_token_and_an_httpOnly_cookie_that_both_authenticate()
    {
        using var anonymous = harness.As(null);
        var response = await ServerHarness.SendJsonAsync(anonymous, HttpMethod.Post, "api/v1/session", """{"username":"alice","password":"alice-secret-1"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await ServerHarness.JsonAsync(response))["token"]!.ToString();
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("argocd.token=" + token, cookie, StringComparison.Ordinal);
        Assert.Contains("HttpOnly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("SameSite=Lax", cookie, StringComparison.OrdinalIgnoreCase);

        using var byCookie = harness.Server.CreateHttpClient();
        byCookie.DefaultRequestHeaders.Add("Cookie", "argocd.token=" + token);
        var info = await ServerHarness.JsonAsync(await byCookie.GetAsync("api/v1/session/userinfo"));
        Assert.True(info["loggedIn"]!.GetValue<bool>());
        Assert.Equal("alice", info["username"]!.ToString());
        Assert.Equal("argocd", info["iss"]!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await byCookie.GetAsync("api/v1/applications")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_401_and_names_neither_the_password_nor_which_part_was_wrong()
    {
        using var anonymous = harness.As(null);
        var response = await ServerHarness.SendJsonAsync(anonymous, HttpMethod.Post, "api/v1/session", """{"username":"bob","password":"not-bobs-password"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("""{"error":"Invalid username or password","code":16,"message":"Invalid username or password"}""", body);
        var unknown = await ServerHarness.SendJsonAsync(anonymous, HttpMethod.Post, "api/v1/session", """{"username":"mallory","password":"x"}""");
        Assert.Equal(body, await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Logout_revokes_the_session_and_clears_the_cookie()
    {
        var token = await harness.LoginAsync("carol", ServerHarness.PasswordOf("carol"));
        using var carol = harness.Server.CreateHttpClient(token);
        Assert.Equal(HttpStatusCode.OK, (await carol.GetAsync("api/v1/applications")).StatusCode);
        var logout = await ServerHarness.SendJsonAsync(carol, HttpMethod.Delete, "api/v1/session", null);
        Assert.Equal("""{"token":""}""", await logout.Content.ReadAsStringAsync());
        Assert.Contains(logout.Headers.GetValues("Set-Cookie"), c => c.StartsWith("argocd.token=;", StringComparison.Ordinal));
        var after = await carol.GetAsync("api/v1/applications");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.StartsWith("invalid session", (await ServerHarness.JsonAsync(after))["message"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_key_works_until_revoked_and_another_account_s_keys_need_accounts_update()
    {
        using var alice = harness.As("alice");
        var created = await ServerHarness.SendJsonAsync(alice, HttpMethod.Post, "api/v1/account/alice/token", """{"id":"ci","expiresIn":3600}""");
        Assert.True(created.StatusCode == HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        var key = (await ServerHarness.JsonAsync(created))["token"]!.ToString();
        using var ci = harness.Server.CreateHttpClient(key);
        Assert.Equal(HttpStatusCode.OK, (await ci.GetAsync("api/v1/applications")).StatusCode);
        var account = await ServerHarness.JsonAsync(await alice.GetAsync("api/v1/account/alice"));
        Assert.Equal("ci", account["tokens"]![0]!["id"]!.ToString());

        using var bob = harness.As("bob");
        var foreign = await ServerHarness.SendJsonAsync(bob, HttpMethod.Post, "api/v1/account/alice/token", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("permission denied: accounts, update, alice, sub: bob", (await ServerHarness.JsonAsync(foreign))["message"]!.ToString());

        Assert.Equal(HttpStatusCode.OK, (await ServerHarness.SendJsonAsync(alice, HttpMethod.Delete, "api/v1/account/alice/token/ci", null)).StatusCode);
        var revoked = await ci.GetAsync("api/v1/applications");
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Contains("does not have token with id ci", (await ServerHarness.JsonAsync(revoked))["message"]!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"soon\"")]
    [InlineData("-60")]
    [InlineData("1.5")]
    [InlineData("true")]
    public async Task An_api_key_whose_expiresIn_is_not_whole_seconds_is_refused_and_none_is_issued(string expiresIn)
    {
        // Read as 0, such a request would issue a key that never expires.
        using var alice = harness.As("alice");
        var before = (await ServerHarness.JsonAsync(await alice.GetAsync("api/v1/account/alice")))["tokens"]?.AsArray().Count ?? 0;
        var refused = await ServerHarness.SendJsonAsync(alice, HttpMethod.Post, "api/v1/account/alice/token", $$"""{"id":"bad-expiry","expiresIn":{{expiresIn}}}""");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var error = await ServerHarness.JsonAsync(refused);
        Assert.Equal(3, error["code"]!.GetValue<int>());
        Assert.StartsWith($"expiresIn {expiresIn}: a number of seconds", error["message"]!.ToString(), StringComparison.Ordinal);
        var after = (await ServerHarness.JsonAsync(await alice.GetAsync("api/v1/account/alice")))["tokens"]?.AsArray().Count ?? 0;
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Can_i_answers_with_the_seed_rbac()
    {
        using var bob = harness.As("bob");
        Assert.Equal("yes", (await ServerHarness.JsonAsync(await bob.GetAsync("api/v1/account/can-i/applications/sync/default/web-dev")))["value"]!.ToString());
        Assert.Equal("no", (await ServerHarness.JsonAsync(await bob.GetAsync("api/v1/account/can-i/applications/sync/production/web-prod")))["value"]!.ToString());
    }

    [Fact]
    public async Task Can_i_reads_a_fine_grained_action_whose_slashes_are_escaped()
    {
        using var alice = harness.As("alice");
        using var bob = harness.As("bob");
        foreach (var action in new[] { "action%2Fapps%2FDeployment%2Frestart", "delete%2F%2FPod%2Fweb-dev%2Fweb-0" })
        {
            Assert.Equal("yes", (await ServerHarness.JsonAsync(await alice.GetAsync($"api/v1/account/can-i/applications/{action}/default/web-dev")))["value"]!.ToString());
            Assert.Equal("no", (await ServerHarness.JsonAsync(await bob.GetAsync($"api/v1/account/can-i/applications/{action}/default/web-dev")))["value"]!.ToString());
        }
        Assert.Equal("yes", (await ServerHarness.JsonAsync(await bob.GetAsync("api/v1/account/can-i/logs/get/default%2Fweb-dev")))["value"]!.ToString());
    }

    [Theory]
    [InlineData("none")]
    [InlineData("forged")]
    [InlineData("garbage")]
    public async Task A_token_that_is_not_one_the_server_signed_is_401(string kind)
    {
        var real = await harness.LoginAsync("alice", ServerHarness.PasswordOf("alice"));
        var parts = real!.Split('.');
        var token = kind switch
        {
            "none" => Base64Url("""{"alg":"none","typ":"JWT"}""") + "." + parts[1] + ".",
            "forged" => parts[0] + "." + Base64Url(Encoding.UTF8.GetString(FromBase64Url(parts[1])).Replace("\"alice:login\"", "\"admin:login\"", StringComparison.Ordinal)) + "." + parts[2],
            _ => "not-a-jwt",
        };
        using var http = harness.Server.CreateHttpClient(token);
        var response = await http.GetAsync("api/v1/applications");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await ServerHarness.JsonAsync(response);
        Assert.Equal(16, body["code"]!.GetValue<int>());
    }

    private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
