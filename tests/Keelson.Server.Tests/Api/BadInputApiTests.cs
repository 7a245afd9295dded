using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Server.Tests.Auth;
using Keelson.Tests.Shared;

namespace Keelson.Server.Tests.Api;

/// <summary>
/// Bad input over real HTTPS: each is a 4xx in Argo's error shape whose message says what is wrong, and the
/// Application the request was about is left as it was.
/// </summary>
public sealed class BadInputApiTests(ServerHarness harness) : IClassFixture<ServerHarness>
{
    [Fact]
    public async Task Malformed_json_and_fields_of_the_wrong_type_are_400s_that_name_the_field()
    {
        using var admin = harness.As("admin");
        var before = await StateAsync("web-prod");
        await RefusedAsync(admin, HttpMethod.Post, "api/v1/applications", "{\"metadata\":", HttpStatusCode.BadRequest, "the request body is not valid JSON");
        await RefusedAsync(admin, HttpMethod.Post, "api/v1/applications/web-prod/sync", "{prune: true}", HttpStatusCode.BadRequest, "the request body is not valid JSON");
        await RefusedAsync(admin, HttpMethod.Post, "api/v1/applications/web-prod/sync", """{"prune":"yes"}""", HttpStatusCode.BadRequest, "prune: \"yes\" is not a boolean");
        await RefusedAsync(admin, HttpMethod.Post, "api/v1/applications/web-prod/sync", """{"dryRun":1}""", HttpStatusCode.BadRequest, "dryRun: 1 is not a boolean");
        await RefusedAsync(admin, HttpMethod.Post, "api/v1/applications/web-prod/sync", """[]""", HttpStatusCode.BadRequest, "the request body must be a JSON object");
        await RefusedAsync(admin, HttpMethod.Post, "api/v1/applications/web-prod/rollback", """{"id":"latest"}""", HttpStatusCode.BadRequest, "id:");
        await RefusedAsync(admin, HttpMethod.Put, "api/v1/applications/web-prod", "not json", HttpStatusCode.BadRequest, "the request body is not valid JSON");
        await RefusedAsync(admin, HttpMethod.Post, "api/v1/projects", "{", HttpStatusCode.BadRequest, "not valid JSON");
        await RefusedAsync(admin, HttpMethod.Post, "api/v1/session", "{", HttpStatusCode.BadRequest, "not valid JSON");
        Assert.Equal(before, await StateAsync("web-prod"));
    }

    [Fact]
    public async Task A_field_the_Application_schema_does_not_have_is_refused_naming_it_where_Argo_CD_would_drop_it_silently()
    {
        using var admin = harness.As("admin");
        var app = JsonNode.Parse(YamlToJson(harness.App("typo-app", "default", "apps/web/overlays/dev", "typo-app", SampleApp.Manual)))!.AsObject();
        app["spec"]!["syncPolicy"] = new JsonObject { ["automated"] = new JsonObject { ["selfheal"] = true } };
        var response = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/applications", app.ToJsonString());
        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("selfheal", error, StringComparison.Ordinal);
        Assert.Contains("typo-app", error, StringComparison.Ordinal);
        Assert.Null(await harness.Client.GetAsync("argoproj.io/v1alpha1", "Application", "argocd", "typo-app"));
    }

    [Fact]
    public async Task A_non_GET_without_exactly_application_json_is_415_and_changes_nothing()
    {
        using var admin = harness.As("admin");
        var before = await StateAsync("web-prod");
        foreach (var contentType in new[] { "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-8" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/applications/web-prod/sync") { Content = new StringContent("{}") };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            var response = await admin.SendAsync(request);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        }
        Assert.Equal(before, await StateAsync("web-prod"));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_is_not_read_to_the_end()
    {
        using var admin = harness.As("admin");
        var huge = "{\"metadata\":{\"name\":\"huge\",\"annotations\":{\"x\":\"" + new string('a', (int)ServerOptions.DefaultMaxRequestBodyBytes) + "\"}}}";
        // As curl does for large bodies, the client waits for 100-continue: the server answers 413 before any of it is sent.
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/applications") { Content = new StringContent(huge) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.ExpectContinue = true;
        var response = await admin.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(8, JsonNode.Parse(body)!["code"]!.GetValue<int>());
        Assert.Contains("larger than the server takes (16 MiB)", body, StringComparison.Ordinal);
        Assert.Null(await harness.Client.GetAsync("argoproj.io/v1alpha1", "Application", "argocd", "huge"));
    }

    [Theory]
    [InlineData("api/v1/applications/..%2Fweb-prod")]
    [InlineData("api/v1/applications/web-prod%2F..")]
    [InlineData("api/v1/applications/a%2Fb/resource-tree")]
    [InlineData("api/v1/applications/a..b/resource-tree")]
    public async Task An_application_name_with_a_slash_or_dots_is_a_400_naming_it(string path)
    {
        using var admin = harness.As("admin");
        var error = await ErrorAsync(await admin.GetAsync(path), HttpStatusCode.BadRequest);
        Assert.Contains("must be a DNS-1123 subdomain", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_API_path_is_Argo_s_404_naming_the_path()
    {
        using var admin = harness.As("admin");
        var error = await ErrorAsync(await admin.GetAsync("api/v1/applicationz"), HttpStatusCode.NotFound);
        Assert.Contains("GET /api/v1/applicationz", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_with_a_slash_or_dots_in_bodies_are_400s_and_nothing_is_created()
    {
        using var admin = harness.As("admin");
        var app = JsonNode.Parse(YamlToJson(harness.App("x", "default", "apps/web/overlays/dev", "x", SampleApp.Manual)))!.AsObject();
        app["metadata"]!["name"] = "../escape";
        await ErrorAsync(await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/applications", app.ToJsonString()), HttpStatusCode.BadRequest);
        var project = """{"project":{"metadata":{"name":"a/b"},"spec":{"sourceRepos":["*"]}}}""";
        await ErrorAsync(await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/projects", project), HttpStatusCode.BadRequest);
        var (items, _) = await harness.Client.ListAsync((await harness.Client.FindAsync("argoproj.io/v1alpha1", "Application"))!, "argocd");
        Assert.DoesNotContain(items, a => a["metadata"]!["name"]!.ToString().Contains('/', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_expired_foreign_and_unsigned_tokens_are_each_401_invalid_session()
    {
        var key = Encoding.UTF8.GetBytes(await SecretKeyAsync());
        var now = DateTimeOffset.UtcNow;
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["garbage"] = "not-a-jwt",
            ["expired"] = TestTokens.Hs256(key, TestTokens.Claims("admin:login", now.AddDays(-2), TimeSpan.FromHours(1), Guid.NewGuid().ToString())),
            ["foreign key"] = TestTokens.Hs256(Encoding.UTF8.GetBytes("someone-else's-key-of-32-bytes!!"), TestTokens.Claims("admin:login", now, TimeSpan.FromHours(1), Guid.NewGuid().ToString())),
            ["alg none"] = TestTokens.WithAlgorithm("none", TestTokens.Claims("admin:login", now, TimeSpan.FromHours(1), Guid.NewGuid().ToString())),
            ["alg HS512"] = TestTokens.WithAlgorithm("HS512", TestTokens.Claims("admin:login", now, TimeSpan.FromHours(1), Guid.NewGuid().ToString()), "c2ln"),
        };
        // The control: a well-signed token the server did not make still works, so the refusals are for the reasons named.
        using (var good = harness.Server.CreateHttpClient(TestTokens.Hs256(key, TestTokens.Claims("admin:login", now, TimeSpan.FromHours(1), Guid.NewGuid().ToString()))))
            Assert.Equal(HttpStatusCode.OK, (await good.GetAsync("api/v1/applications")).StatusCode);
        foreach (var (what, token) in tokens)
        {
            using var http = harness.Server.CreateHttpClient();
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + token);
            var response = await http.GetAsync("api/v1/applications");
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!.ToString();
            Assert.True(message.StartsWith("invalid session", StringComparison.Ordinal) || message == "no session information", $"{what}: {message}");
        }
    }

    /// <summary>The Application's spec, labels and operation as stored, to compare before and after a refused call.</summary>
    private async Task<string> StateAsync(string name)
    {
        var app = (await harness.Client.GetAsync("argoproj.io/v1alpha1", "Application", "argocd", name))!;
        return new JsonObject { ["spec"] = app["spec"]?.DeepClone(), ["labels"] = app["metadata"]?["labels"]?.DeepClone(), ["operation"] = app["operation"]?.DeepClone() }.ToJsonString();
    }

    private async Task<string> SecretKeyAsync()
    {
        var secret = (await harness.Client.GetAsync("v1", "Secret", "argocd", "argocd-secret"))!;
        return Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]!["server.secretkey"]!.ToString()));
    }

    private static async Task RefusedAsync(HttpClient http, HttpMethod method, string path, string body, HttpStatusCode status, string message)
    {
        var error = await ErrorAsync(await ServerHarness.SendJsonAsync(http, method, path, body), status);
        Assert.True(error.Contains(message, StringComparison.Ordinal), $"{method} {path} {body}: '{error}' does not say '{message}'");
    }

    /// <summary>Requires <paramref name="status"/> and Argo's error shape; the message.</summary>
    private static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode} {text}");
        var error = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(error["error"]!.ToString(), error["message"]!.ToString());
        Assert.True(error["code"]!.GetValue<int>() > 0);
        return error["message"]!.ToString();
    }

    private static string YamlToJson(string yaml) => Keelson.Resources.Serialization.YamlDocuments.Parse(yaml).Single()!.ToJsonString();
}
