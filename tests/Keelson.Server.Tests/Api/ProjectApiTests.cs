using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Keelson.Tests.Shared;

namespace Keelson.Server.Tests.Api;

/// <summary>The projects API over real HTTPS: AppProjects in the embedded cluster, the seed's RBAC, role tokens used against other endpoints.</summary>
public sealed class ProjectApiTests(ServerHarness harness) : IClassFixture<ServerHarness>
{
    private static string Project(string name, string extraSpec = "") =>
        """{"project":{"metadata":{"name":"NAME"},"spec":{"description":"test project","sourceRepos":["*"],"destinations":[{"server":"https://kubernetes.default.svc","namespace":"*"}]"""
            .Replace("NAME", name, StringComparison.Ordinal) + extraSpec + "}}}";

    [Fact]
    public async Task A_project_is_created_read_listed_upserted_updated_and_deleted()
    {
        using var admin = harness.As("admin");
        var created = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/projects", Project("crud-proj"));
        Assert.True(created.StatusCode == HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        Assert.Equal("crud-proj", (await ServerHarness.JsonAsync(created))["metadata"]!["name"]!.ToString());

        var got = await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/projects/crud-proj"));
        Assert.Equal("test project", got["spec"]!["description"]!.ToString());
        var list = await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/projects"));
        Assert.NotNull(list["metadata"]);
        Assert.Contains("crud-proj", Names(list));
        Assert.Contains("production", Names(list));
        Assert.Equal(["crud-proj"], Names(await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/projects?name=crud-proj"))));

        // The same spec again is answered as it is; another spec needs upsert.
        Assert.Equal(HttpStatusCode.OK, (await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/projects", Project("crud-proj"))).StatusCode);
        var different = Project("crud-proj").Replace("test project", "changed", StringComparison.Ordinal);
        var refused = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/projects", different);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = (await ServerHarness.JsonAsync(refused))["message"]!.ToString();
        Assert.StartsWith("existing project spec is different; use upsert flag to force update", message, StringComparison.Ordinal);
        Assert.Contains("description", message, StringComparison.Ordinal);
        var upserted = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/projects", different.Replace("}}}", "}},\"upsert\":true}", StringComparison.Ordinal));
        Assert.True(upserted.StatusCode == HttpStatusCode.OK, await upserted.Content.ReadAsStringAsync());
        Assert.Equal("changed", (await ServerHarness.JsonAsync(upserted))["spec"]!["description"]!.ToString());

        var update = await ServerHarness.SendJsonAsync(admin, HttpMethod.Put, "api/v1/projects/crud-proj", Project("crud-proj").Replace("test project", "updated", StringComparison.Ordinal));
        Assert.True(update.StatusCode == HttpStatusCode.OK, await update.Content.ReadAsStringAsync());
        Assert.Equal("updated", (await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/projects/crud-proj")))["spec"]!["description"]!.ToString());

        var eventsResponse = await admin.GetAsync("api/v1/projects/crud-proj/events");
        Assert.True(eventsResponse.StatusCode == HttpStatusCode.OK, $"{eventsResponse.StatusCode} {await eventsResponse.Content.ReadAsStringAsync()}");
        var events = await ServerHarness.JsonAsync(eventsResponse);
        Assert.Contains(events["items"]!.AsArray(), e => e!["message"]!.ToString() == "admin created project");

        Assert.Equal("{}", await (await DeleteAsync(admin, "api/v1/projects/crud-proj")).Content.ReadAsStringAsync());
        var gone = await admin.GetAsync("api/v1/projects/crud-proj");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("appprojects.argoproj.io \"crud-proj\" not found", (await ServerHarness.JsonAsync(gone))["message"]!.ToString());
    }

    [Fact]
    public async Task An_invalid_project_is_a_400_that_names_every_problem_and_stores_nothing()
    {
        using var admin = harness.As("admin");
        var roles = ""","roles":[{"name":"ci","policies":["p, proj:other:ci, applications, get, other/*, allow","p, proj:bad-proj:ci, applications, get, bad-proj/*"]},{"name":"bad role!"}]""";
        var response = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/projects", Project("bad-proj", roles));
        await ArgoAssert.BadRequestAsync(response, "the subject must be 'proj:bad-proj:ci', not 'proj:other:ci'", "a project policy has the form 'p, sub, res, act, obj, eft'", "role 'bad role!'");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("api/v1/projects/bad-proj")).StatusCode);

        foreach (var name in new[] { "a..b", "Upper" })
        {
            var badName = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/projects", Project(name));
            Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
            Assert.StartsWith("error validating project: project.metadata.name", (await ServerHarness.JsonAsync(badName))["message"]!.ToString(), StringComparison.Ordinal);
        }
        var slash = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/projects", Project("a/b"));
        Assert.Contains("must not contain '/' or '..'", (await ServerHarness.JsonAsync(slash))["message"]!.ToString(), StringComparison.Ordinal);
        var missing = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/projects", """{"upsert":true}""");
        Assert.StartsWith("missing payload 'project' in request", (await ServerHarness.JsonAsync(missing))["message"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_need_the_projects_rights_and_are_refused_with_Argo_s_message()
    {
        using var bob = harness.As("bob");
        var create = await ServerHarness.SendJsonAsync(bob, HttpMethod.Post, "api/v1/projects", Project("bobs-proj"));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal("permission denied: projects, create, bobs-proj, sub: bob", (await ServerHarness.JsonAsync(create))["message"]!.ToString());
        var delete = await DeleteAsync(bob, "api/v1/projects/production");
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal("permission denied: projects, delete, production, sub: bob", (await ServerHarness.JsonAsync(delete))["message"]!.ToString());
        var token = await ServerHarness.SendJsonAsync(bob, HttpMethod.Post, "api/v1/projects/production/roles/operations/token", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, token.StatusCode);
        // Reading is the default role's (role:readonly).
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("api/v1/projects/production")).StatusCode);

        using var admin = harness.As("admin");
        var reserved = await DeleteAsync(admin, "api/v1/projects/default");
        Assert.Equal(HttpStatusCode.BadRequest, reserved.StatusCode);
        Assert.Equal("name 'default' is reserved and cannot be deleted", (await ServerHarness.JsonAsync(reserved))["message"]!.ToString());
    }

    [Fact]
    public async Task A_project_used_by_an_application_cannot_be_deleted_until_the_application_is_gone()
    {
        using var admin = harness.As("admin");
        Assert.Equal(HttpStatusCode.OK, (await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/projects", Project("used-proj"))).StatusCode);
        await harness.Client.ApplyManifestsAsync(harness.App("used-app", "used-proj", "apps/web/overlays/dev", "used-ns", SampleApp.Manual), "test", "used-app");
        await harness.WaitForAsync("used-app", _ => true, "cached");

        var refused = await DeleteAsync(admin, "api/v1/projects/used-proj");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("project is referenced by 1 applications", (await ServerHarness.JsonAsync(refused))["message"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/v1/projects/used-proj")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await DeleteAsync(admin, "api/v1/applications/used-app?cascade=false")).StatusCode);
        await WaitAsync(async () => (await admin.GetAsync("api/v1/applications/used-app?project=used-proj")).StatusCode == HttpStatusCode.NotFound, "used-app to be deleted");
        Assert.Equal(HttpStatusCode.OK, (await DeleteAsync(admin, "api/v1/projects/used-proj")).StatusCode);
    }

    [Fact]
    public async Task A_role_token_acts_with_the_role_s_policies_only_and_is_refused_with_401_once_revoked()
    {
        using var admin = harness.As("admin");
        var roles = ""","roles":[{"name":"reader","description":"reads apps","policies":["p, proj:tok-proj:reader, applications, get, tok-proj/*, allow"]}]""";
        Assert.Equal(HttpStatusCode.OK, (await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/projects", Project("tok-proj", roles))).StatusCode);
        await harness.Client.ApplyManifestsAsync(harness.App("tok-app", "tok-proj", "apps/web/overlays/dev", "tok-ns", SampleApp.Manual), "test", "tok-app");
        await harness.WaitForAsync("tok-app", _ => true, "cached");

        var issued = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/projects/tok-proj/roles/reader/token", """{"id":"ci-1","expiresIn":3600,"description":"ci"}""");
        Assert.True(issued.StatusCode == HttpStatusCode.OK, await issued.Content.ReadAsStringAsync());
        var token = (await ServerHarness.JsonAsync(issued))["token"]!.ToString();
        var payload = JsonNode.Parse(System.Text.Encoding.UTF8.GetString(Base64Url(token.Split('.')[1])))!;
        Assert.Equal("proj:tok-proj:reader", payload["sub"]!.ToString());
        var iat = payload["iat"]!.GetValue<long>();

        var project = await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/projects/tok-proj"));
        var listed = Assert.Single(project["spec"]!["roles"]![0]!["jwtTokens"]!.AsArray());
        Assert.Equal("ci-1", listed!["id"]!.ToString());
        Assert.Equal(iat, listed["iat"]!.GetValue<long>());
        Assert.Equal(iat + 3600, listed["exp"]!.GetValue<long>());
        Assert.Equal("ci-1", project["status"]!["jwtTokensByRole"]!["reader"]!["items"]![0]!["id"]!.ToString());
        var reused = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/projects/tok-proj/roles/reader/token", """{"id":"ci-1"}""");
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);

        using (var role = harness.Server.CreateHttpClient(token))
        {
            var apps = await ServerHarness.JsonAsync(await role.GetAsync("api/v1/applications"));
            Assert.Equal(["tok-app"], apps["items"]!.AsArray().Select(a => a!["metadata"]!["name"]!.ToString()));
            var sync = await ServerHarness.SendJsonAsync(role, HttpMethod.Post, "api/v1/applications/tok-app/sync", "{}");
            Assert.Equal(HttpStatusCode.Forbidden, sync.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await role.GetAsync("api/v1/applications/web-prod")).StatusCode);

            var revoked = await DeleteAsync(admin, $"api/v1/projects/tok-proj/roles/reader/token/{iat}?id=ci-1");
            Assert.True(revoked.StatusCode == HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync());
            var refused = await role.GetAsync("api/v1/applications");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal($"invalid session: JWT token for role 'reader' issued at '{iat}' does not exist in project 'tok-proj'",
                (await ServerHarness.JsonAsync(refused))["message"]!.ToString());
            Assert.Equal(HttpStatusCode.Unauthorized, (await role.GetAsync("api/v1/projects/tok-proj")).StatusCode);
        }
        var after = await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/projects/tok-proj"));
        Assert.Null(after["spec"]!["roles"]![0]!["jwtTokens"]);

        Assert.Equal(HttpStatusCode.OK, (await DeleteAsync(admin, "api/v1/applications/tok-app?cascade=false")).StatusCode);
        await WaitAsync(async () => (await admin.GetAsync("api/v1/applications/tok-app?project=tok-proj")).StatusCode == HttpStatusCode.NotFound, "tok-app to be deleted");
        Assert.Equal(HttpStatusCode.OK, (await DeleteAsync(admin, "api/v1/projects/tok-proj")).StatusCode);
    }

    [Fact]
    public async Task Syncwindows_lists_the_windows_open_now_and_detailed_adds_the_scoped_resources()
    {
        using var admin = harness.As("admin");
        var windows = ""","syncWindows":[{"kind":"allow","schedule":"* * * * *","duration":"1h","applications":["*"]},{"kind":"deny","schedule":"0 0 1 1 *","duration":"1m","namespaces":["x"]}]""";
        var created = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/projects", Project("win-proj", windows));
        Assert.True(created.StatusCode == HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        var open = await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/projects/win-proj/syncwindows"));
        var window = Assert.Single(open["windows"]!.AsArray());
        Assert.Equal("allow", window!["kind"]!.ToString());

        var detailed = await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/projects/win-proj/detailed"));
        Assert.Equal("win-proj", detailed["project"]!["metadata"]!["name"]!.ToString());

        var bad = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/projects",
            Project("win-bad", ""","syncWindows":[{"kind":"maybe","schedule":"61 * * * *","duration":"soon"}]"""));
        await ArgoAssert.BadRequestAsync(bad, "project.spec.syncWindows[0]: kind 'maybe'", "schedule '61 * * * *'", "duration 'soon'", "one of applications, namespaces or clusters is required");
        Assert.Equal(HttpStatusCode.OK, (await DeleteAsync(admin, "api/v1/projects/win-proj")).StatusCode);
    }

    private static Task<HttpResponseMessage> DeleteAsync(HttpClient http, string path) => ServerHarness.SendJsonAsync(http, HttpMethod.Delete, path, null);

    private static List<string> Names(JsonObject list) => list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.ToString()).ToList();

    private static byte[] Base64Url(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4));

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"waited 30 s for {what}");
            await Task.Delay(100);
        }
    }
}
