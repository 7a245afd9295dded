using System.Net;
using System.Text.Json.Nodes;

namespace Keelson.Server.Tests.Api;

/// <summary>The Applications API over real HTTPS against the embedded cluster and the engine, with the seed's RBAC.</summary>
public sealed class ApplicationApiTests(ServerHarness harness) : IClassFixture<ServerHarness>
{
    [Fact]
    public async Task A_request_without_a_session_is_401_in_Argo_s_error_shape_while_version_and_settings_need_none()
    {
        using var anonymous = harness.As(null);
        var response = await anonymous.GetAsync("api/v1/applications");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"error":"no session information","code":16,"message":"no session information"}""", await response.Content.ReadAsStringAsync());

        var version = await ServerHarness.JsonAsync(await anonymous.GetAsync("api/version"));
        Assert.StartsWith("v3.", version["Version"]!.ToString(), StringComparison.Ordinal);
        var settings = await ServerHarness.JsonAsync(await anonymous.GetAsync("api/v1/settings"));
        Assert.Equal("argocd", settings["controllerNamespace"]!.ToString());
    }

    [Fact]
    public async Task The_list_is_sorted_by_name_filtered_by_query_and_projected_by_fields()
    {
        using var admin = harness.As("admin");
        var all = await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/applications"));
        Assert.Equal(["web-dev", "web-prod"], Names(all));
        Assert.False(string.IsNullOrEmpty(all["metadata"]!["resourceVersion"]!.ToString()));
        Assert.Equal("default", all["items"]![0]!["spec"]!["project"]!.ToString());

        Assert.Equal(["web-prod"], Names(await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/applications?projects=production"))));
        Assert.Equal(["web-dev"], Names(await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/applications?name=web-dev&unknownParameter=ignored"))));
        Assert.Equal(["web-dev", "web-prod"], Names(await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/applications?selector=team%3Dweb"))));
        Assert.Empty(Names(await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/applications?selector=team%3Dother"))));
        Assert.Equal(["web-dev", "web-prod"], Names(await ServerHarness.JsonAsync(await admin.GetAsync($"api/v1/applications?repo={Uri.EscapeDataString(harness.Repo)}"))));

        var projected = await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/applications?fields=items.metadata.name,items.spec.project"));
        var item = projected["items"]![0]!.AsObject();
        Assert.Equal("""{"metadata":{"name":"web-dev"},"spec":{"project":"default"}}""", item.ToJsonString());

        var bad = await admin.GetAsync("api/v1/applications?selector=team%3D%3D%3Dx");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(3, (await ServerHarness.JsonAsync(bad))["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_unknown_application_is_403_unless_a_project_is_named_then_404()
    {
        using var admin = harness.As("admin");
        var hidden = await admin.GetAsync("api/v1/applications/nope");
        Assert.Equal(HttpStatusCode.Forbidden, hidden.StatusCode);
        Assert.Equal("permission denied", (await ServerHarness.JsonAsync(hidden))["message"]!.ToString());
        var missing = await admin.GetAsync("api/v1/applications/nope?project=default");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("applications.argoproj.io \"nope\" not found", (await ServerHarness.JsonAsync(missing))["message"]!.ToString());
    }

    [Fact]
    public async Task Sync_is_checked_against_the_seed_rbac_and_runs_through_the_engine()
    {
        using (var bob = harness.As("bob"))
        {
            var denied = await ServerHarness.SendJsonAsync(bob, HttpMethod.Post, "api/v1/applications/web-prod/sync", "{}");
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.Equal("permission denied: applications, sync, production/web-prod, sub: bob", (await ServerHarness.JsonAsync(denied))["message"]!.ToString());
        }
        using var carol = harness.As("carol");
        var synced = await ServerHarness.SendJsonAsync(carol, HttpMethod.Post, "api/v1/applications/web-prod/sync", """{"prune":true}""");
        Assert.True(synced.StatusCode == HttpStatusCode.OK, await synced.Content.ReadAsStringAsync());
        Assert.Equal("carol", (await ServerHarness.JsonAsync(synced))["operation"]!["initiatedBy"]!["username"]!.ToString());
        var app = await harness.WaitForAsync("web-prod", a => a["status"]?["sync"]?["status"]?.ToString() == "Synced" && a["status"]?["operationState"]?["phase"]?.ToString() == "Succeeded", "synced by carol");
        Assert.Equal("carol", app["status"]!["operationState"]!["operation"]!["initiatedBy"]!["username"]!.ToString());
    }

    [Fact]
    public async Task A_write_that_is_not_application_json_is_refused_with_415()
    {
        using var admin = harness.As("admin");
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/applications/web-dev/sync") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "text/plain") };
        var response = await admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("Invalid content type", (await response.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_that_says_so_and_changes_nothing()
    {
        using var admin = harness.As("admin");
        var response = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/applications/web-dev/sync", "{\"prune\": tru");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("the request body is not valid JSON", (await ServerHarness.JsonAsync(response))["message"]!.ToString(), StringComparison.Ordinal);
        var after = await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/applications/web-dev"));
        Assert.Null(after["operation"]);
    }

    [Fact]
    public async Task The_resource_tree_links_a_Deployment_to_its_ReplicaSet_and_Pods_with_health()
    {
        using var admin = harness.As("admin");
        await harness.WaitForAsync("web-dev", a => a["status"]?["health"]?["status"]?.ToString() == "Healthy", "Healthy");
        var tree = await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/applications/web-dev/resource-tree"));
        var nodes = tree["nodes"]!.AsArray().Select(n => n!.AsObject()).ToList();
        var deployment = Assert.Single(nodes, n => n["kind"]!.ToString() == "Deployment");
        Assert.Equal("apps", deployment["group"]!.ToString());
        Assert.Equal("Healthy", deployment["health"]!["status"]!.ToString());
        var replicaSet = Assert.Single(nodes, n => n["kind"]!.ToString() == "ReplicaSet");
        Assert.Equal(deployment["uid"]!.ToString(), replicaSet["parentRefs"]![0]!["uid"]!.ToString());
        var pods = nodes.Where(n => n["kind"]!.ToString() == "Pod").ToList();
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p => Assert.Equal(replicaSet["uid"]!.ToString(), p["parentRefs"]![0]!["uid"]!.ToString()));
        Assert.All(pods, p => Assert.Contains(p["info"]!.AsArray(), i => i!["name"]!.ToString() == "Containers" && i["value"]!.ToString() == "1/1"));
        Assert.Contains(nodes, n => n["kind"]!.ToString() == "Service" && n["networkingInfo"]?["targetLabels"]?["app"]?.ToString() == "web");
    }

    private static List<string> Names(JsonObject list) => list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.ToString()).ToList();
}
