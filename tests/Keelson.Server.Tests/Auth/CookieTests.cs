using Keelson.Server.Auth;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Tests.Auth;

[Collection(AuthClusterCollection.Name)]
public sealed class CookieTests(AuthCluster cluster)
{
    /// <summary>What a browser sends back: each Set-Cookie's name=value, without attributes.</summary>
    private static List<KeyValuePair<string, string>> AsRequestCookies(IEnumerable<string> setCookies) =>
        setCookies.Select(c => c.Split(';')[0]).Select(p => KeyValuePair.Create(p[..p.IndexOf('=', StringComparison.Ordinal)], p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..])).ToList();

    [Fact]
    public void A_short_token_is_one_cookie_with_Argo_CD_s_attributes()
    {
        var cookies = AuthCookie.SetCookieHeaders("a.b.c").Value!;

        Assert.Equal(new[] { "argocd.token=a.b.c; path=/; SameSite=lax; httpOnly" }, cookies);
        Assert.Equal(new[] { "argocd.token=a.b.c; path=/argo; SameSite=lax; httpOnly; Secure" }, AuthCookie.SetCookieHeaders("a.b.c", "/argo/", secure: true).Value!);
    }

    [Fact]
    public async Task A_large_token_is_split_into_chunks_under_4_KB_that_join_back_and_verify()
    {
        using var auth = await AuthHarness.StartAsync(cluster);
        var token = await auth.Sessions.CreateTokenAsync("proj:default:" + new string('r', 9000), TimeSpan.FromHours(1), "big");

        var cookies = AuthCookie.SetCookieHeaders(token, secure: true).Value!;

        Assert.Equal(4, cookies.Count);
        Assert.StartsWith("argocd.token=4:", cookies[0]);
        Assert.Equal(new[] { "argocd.token-1=", "argocd.token-2=", "argocd.token-3=" }, cookies.Skip(1).Select(c => c[..(c.IndexOf('=', StringComparison.Ordinal) + 1)]));
        Assert.All(cookies, c => Assert.True(c.Length <= AuthCookie.MaxCookieLength, $"a cookie of {c.Length} bytes"));
        Assert.All(cookies, c => Assert.EndsWith("; path=/; SameSite=lax; httpOnly; Secure", c));
        var joined = AuthCookie.Join(AsRequestCookies(cookies).AsEnumerable().Reverse());
        Assert.Equal(token, joined.Value);
        Assert.Equal(TokenKind.ProjectRole, (await auth.AcceptedAsync(joined.Value!)).Kind);
    }

    [Fact]
    public void A_token_needing_more_than_20_cookies_is_refused_with_Argo_CD_s_message()
    {
        var refused = AuthCookie.SetCookieHeaders(new string('x', 100_000)).Error!;

        Assert.StartsWith("the authentication token is 100000 characters long and requires 25 cookies but the max number of cookies is 20.", refused.Message);
    }

    [Fact]
    public void Joining_needs_the_first_cookie_and_a_numeric_chunk_count()
    {
        Assert.Equal("failed to retrieve cookie argocd.token", AuthCookie.Join([KeyValuePair.Create("argocd.token-1", "x")]).Error?.Message);
        Assert.False(AuthCookie.Join([KeyValuePair.Create("argocd.token", "a:b:c")]).Succeeded);
        Assert.False(AuthCookie.Join([KeyValuePair.Create("argocd.token", "two:x")]).Succeeded);
        Assert.Equal("x.y", AuthCookie.Join([KeyValuePair.Create("argocd.token", "2:x."), KeyValuePair.Create("argocd.token-1", "y"), KeyValuePair.Create("other", "z")]).Value);
    }

    [Fact]
    public void The_bearer_header_comes_before_the_cookie_and_must_look_like_a_JWT()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer h.p.s";
        context.Request.Headers.Cookie = "argocd.token=2:c.o; argocd.token-1=.k";
        Assert.Equal("h.p.s", RequestToken.From(context.Request));

        context.Request.Headers.Authorization = "Bearer not-a-jwt";
        Assert.Equal("c.o.k", RequestToken.From(context.Request));

        context.Request.Headers.Authorization = "Basic YWRtaW46eA==";
        context.Request.Headers.Cookie = "session=other";
        Assert.Null(RequestToken.From(context.Request));
    }

    [Fact]
    public void Logout_clears_every_chunk_of_the_cookie()
    {
        var cleared = AuthCookie.ClearCookieHeaders(["argocd.token", "argocd.token-1", "argocd.token-2", "unrelated"], "/argo");

        Assert.Equal(new[] { "argocd.token=; path=/argo; Max-Age=0", "argocd.token-1=; path=/argo; Max-Age=0", "argocd.token-2=; path=/argo; Max-Age=0" }, cleared);
        Assert.Equal(new[] { "argocd.token=; path=/; Max-Age=0" }, AuthCookie.ClearCookieHeaders([]));
        Assert.Empty(AuthCookie.SetCookieHeaders("").Value!);
    }
}
