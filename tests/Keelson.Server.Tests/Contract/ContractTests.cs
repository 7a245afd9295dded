using System.Text.Json.Nodes;
using Keelson.Resources.Serialization;
using Keelson.Server.Tests.Api;
using Keelson.Tests.Shared;

namespace Keelson.Server.Tests.Contract;

/// <summary>
/// Keelson's responses read as Argo CD's swagger declares them: each endpoint is called over real HTTPS on the started
/// system and its body checked against the 200 schema Argo CD gives for that path.
/// </summary>
public sealed class ContractTests(ServerHarness harness) : IClassFixture<ServerHarness>
{
    [Fact]
    public async Task Version_settings_and_session_answer_in_Argo_s_shapes()
    {
        using var anonymous = harness.As(null);
        await ConformsAsync(anonymous, "GET /api/version", "api/version");
        await ConformsAsync(anonymous, "GET /api/v1/settings", "api/v1/settings");
        var login = await ServerHarness.SendJsonAsync(anonymous, HttpMethod.Post, "api/v1/session", new JsonObject { ["username"] = "admin", ["password"] = harness.AdminPassword }.ToJsonString());
        SwaggerContract.AssertConforms("POST /api/v1/session", await BodyAsync(login));

        using var admin = harness.As("admin");
        await ConformsAsync(admin, "GET /api/v1/session/userinfo", "api/v1/session/userinfo");
    }

    [Fact]
    public async Task Applications_list_get_and_resource_tree_answer_in_Argo_s_shapes()
    {
        using var admin = harness.As("admin");
        await harness.WaitForAsync("web-dev", a => a["status"]?["sync"]?["status"]?.ToString() == "Synced" && a["status"]?["history"] is JsonArray { Count: > 0 },
            "Synced with history");
        var list = await ConformsAsync(admin, "GET /api/v1/applications", "api/v1/applications");
        Assert.Contains(list["items"]!.AsArray(), a => a?["metadata"]?["name"]?.ToString() == "web-dev");
        var app = await ConformsAsync(admin, "GET /api/v1/applications/{name}", "api/v1/applications/web-dev");
        Assert.NotNull(app["status"]?["resources"]);
        var tree = await ConformsAsync(admin, "GET /api/v1/applications/{applicationName}/resource-tree", "api/v1/applications/web-dev/resource-tree");
        Assert.NotEmpty(tree["nodes"]!.AsArray());
    }

    [Fact]
    public async Task Create_sync_and_delete_answer_in_Argo_s_shapes()
    {
        using var admin = harness.As("admin");
        var body = YamlDocuments.Parse(harness.App("web-contract", "default", "apps/web/overlays/dev", "web-contract", SampleApp.Manual)).Single()!;
        var created = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/applications", body.ToJsonString());
        SwaggerContract.AssertConforms("POST /api/v1/applications", await BodyAsync(created));
        await harness.WaitForAsync("web-contract", a => a["status"]?["sync"]?["status"] is not null, "compared");

        var synced = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/applications/web-contract/sync", """{"prune":true}""");
        SwaggerContract.AssertConforms("POST /api/v1/applications/{name}/sync", await BodyAsync(synced));
        await harness.WaitForAsync("web-contract", a => a["status"]?["operationState"]?["phase"]?.ToString() == "Succeeded", "synced");
        await ConformsAsync(admin, "GET /api/v1/applications/{name}", "api/v1/applications/web-contract");

        var deleted = await ServerHarness.SendJsonAsync(admin, HttpMethod.Delete, "api/v1/applications/web-contract?cascade=true", null);
        SwaggerContract.AssertConforms("DELETE /api/v1/applications/{name}", await BodyAsync(deleted));
    }

    [Fact]
    public async Task The_application_stream_sends_watch_events_in_Argo_s_shape()
    {
        using var admin = harness.As("admin");
        admin.Timeout = Timeout.InfiniteTimeSpan;
        using var response = await admin.GetAsync("api/v1/stream/applications?name=web-dev", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        ResultConforms("GET /api/v1/stream/applications", JsonNode.Parse(line!)!.AsObject());
    }

    [Fact]
    public async Task Managed_resources_manifests_events_revision_metadata_and_sync_windows_answer_in_Argo_s_shapes()
    {
        using var admin = harness.As("admin");
        var app = await AppReadSteps.SyncedAsync(harness, "web-dev");
        var managed = await ConformsAsync(admin, "GET /api/v1/applications/{applicationName}/managed-resources", "api/v1/applications/web-dev/managed-resources");
        Assert.Equal(4, managed["items"]!.AsArray().Count);
        var manifests = await ConformsAsync(admin, "GET /api/v1/applications/{name}/manifests", "api/v1/applications/web-dev/manifests");
        Assert.Equal(4, manifests["manifests"]!.AsArray().Count);
        var revision = app["status"]!["sync"]!["revision"]!.ToString();
        var metadata = await ConformsAsync(admin, "GET /api/v1/applications/{name}/revisions/{revision}/metadata", $"api/v1/applications/web-dev/revisions/{revision}/metadata");
        Assert.Equal("initial", metadata["message"]!.ToString());

        var nodes = await AppReadSteps.TreeAsync(harness, "web-dev", n => n.Any(x => x["kind"]!.ToString() == "Deployment"), "the Deployment");
        var uid = nodes.Single(n => n["kind"]!.ToString() == "Deployment")["uid"]!.ToString();
        var events = await ConformsAsync(admin, "GET /api/v1/applications/{name}/events", $"api/v1/applications/web-dev/events?resourceNamespace=web-dev&resourceName=web&resourceUID={uid}");
        Assert.NotEmpty(events["items"]!.AsArray());
        await ConformsAsync(admin, "GET /api/v1/applications/{name}/events", "api/v1/applications/web-dev/events");

        var projects = (await harness.Client.FindAsync("argoproj.io/v1alpha1", "AppProject"))!;
        var window = new JsonObject { ["kind"] = "allow", ["schedule"] = "* * * * *", ["duration"] = "1h", ["applications"] = new JsonArray("web-prod"), ["manualSync"] = true };
        await harness.Client.MergePatchAsync(projects, "argocd", "production", new JsonObject { ["spec"] = new JsonObject { ["syncWindows"] = new JsonArray(window) } });
        try
        {
            var windows = await ConformsAsync(admin, "GET /api/v1/applications/{name}/syncwindows", "api/v1/applications/web-prod/syncwindows");
            Assert.Single(windows["activeWindows"]!.AsArray());
            Assert.Single(windows["assignedWindows"]!.AsArray());
            Assert.True(windows["canSync"]!.GetValue<bool>());
        }
        finally
        {
            await harness.Client.MergePatchAsync(projects, "argocd", "production", new JsonObject { ["spec"] = new JsonObject { ["syncWindows"] = null } });
        }
    }

    [Fact]
    public async Task Log_and_resource_tree_streams_send_messages_in_Argo_s_shapes()
    {
        using var admin = harness.As("admin");
        admin.Timeout = Timeout.InfiniteTimeSpan;
        var pods = await AppReadSteps.RunningPodsAsync(harness, "web-dev", 2);
        var logs = await AppReadSteps.StreamToEndAsync(admin, "api/v1/applications/web-dev/logs");
        Assert.Equal(7, logs.Count);
        foreach (var message in logs) ResultConforms("GET /api/v1/applications/{name}/logs", message);
        var podLogs = await AppReadSteps.StreamToEndAsync(admin, $"api/v1/applications/web-dev/pods/{pods[0]}/logs");
        Assert.Equal(4, podLogs.Count);
        foreach (var message in podLogs) ResultConforms("GET /api/v1/applications/{name}/pods/{podName}/logs", message);

        using var response = await admin.GetAsync("api/v1/stream/applications/web-dev/resource-tree", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var tree = await AppReadSteps.MessageAsync(reader);
        ResultConforms("GET /api/v1/stream/applications/{applicationName}/resource-tree", tree);
        Assert.NotEmpty(tree["result"]!["nodes"]!.AsArray());
    }

    [Fact]
    public async Task Accounts_answer_in_Argo_s_shapes()
    {
        using var admin = harness.As("admin");
        await ConformsAsync(admin, "GET /api/v1/account", "api/v1/account");
        await ConformsAsync(admin, "GET /api/v1/account/{name}", "api/v1/account/admin");
        await ConformsAsync(admin, "GET /api/v1/account/can-i/{resource}/{action}/{subresource}", "api/v1/account/can-i/applications/get/default%2Fweb-dev");
        var token = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/account/alice/token", """{"id":"contract","expiresIn":600}""");
        SwaggerContract.AssertConforms("POST /api/v1/account/{name}/token", await BodyAsync(token));
        var revoked = await ServerHarness.SendJsonAsync(admin, HttpMethod.Delete, "api/v1/account/alice/token/contract", null);
        SwaggerContract.AssertConforms("DELETE /api/v1/account/{name}/token/{id}", await BodyAsync(revoked));
    }

    [Fact]
    public async Task Application_updates_resources_and_actions_answer_in_Argo_s_shapes()
    {
        using var admin = harness.As("admin");
        var app = await ConformsAsync(admin, "GET /api/v1/applications/{name}", "api/v1/applications/web-prod");
        var put = await ServerHarness.SendJsonAsync(admin, HttpMethod.Put, "api/v1/applications/web-prod", app.ToJsonString());
        SwaggerContract.AssertConforms("PUT /api/v1/applications/{application.metadata.name}", await BodyAsync(put));
        var spec = await ServerHarness.SendJsonAsync(admin, HttpMethod.Put, "api/v1/applications/web-prod/spec", app["spec"]!.ToJsonString());
        SwaggerContract.AssertConforms("PUT /api/v1/applications/{name}/spec", await BodyAsync(spec));
        var patch = await ServerHarness.SendJsonAsync(admin, HttpMethod.Patch, "api/v1/applications/web-prod",
            new JsonObject { ["patch"] = """[{"op":"add","path":"/metadata/labels/contract","value":"yes"}]""", ["patchType"] = "json" }.ToJsonString());
        SwaggerContract.AssertConforms("PATCH /api/v1/applications/{name}", await BodyAsync(patch));

        await harness.WaitForAsync("web-dev", a => a["status"]?["resources"] is JsonArray { Count: > 0 }, "with resources");
        const string deployment = "namespace=web-dev&resourceName=web&version=v1&group=apps&kind=Deployment";
        await ConformsAsync(admin, "GET /api/v1/applications/{name}/resource", $"api/v1/applications/web-dev/resource?{deployment}");
        var actions = await ConformsAsync(admin, "GET /api/v1/applications/{name}/resource/actions", $"api/v1/applications/web-dev/resource/actions?{deployment}");
        Assert.Contains(actions["actions"]!.AsArray(), a => a?["name"]?.ToString() == "restart");
        var run = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/applications/web-dev/resource/actions/v2",
            """{"name":"web-dev","namespace":"web-dev","resourceName":"web","version":"v1","group":"apps","kind":"Deployment","action":"restart"}""");
        SwaggerContract.AssertConforms("POST /api/v1/applications/{name}/resource/actions/v2", await BodyAsync(run));
    }

    [Fact]
    public async Task Projects_clusters_and_repositories_answer_in_Argo_s_shapes()
    {
        using var admin = harness.As("admin");
        await ConformsAsync(admin, "GET /api/v1/projects", "api/v1/projects");
        await ConformsAsync(admin, "GET /api/v1/projects/{name}", "api/v1/projects/production");
        await ConformsAsync(admin, "GET /api/v1/projects/{name}/detailed", "api/v1/projects/production/detailed");
        await ConformsAsync(admin, "GET /api/v1/projects/{name}/syncwindows", "api/v1/projects/production/syncwindows");
        var project = """{"project":{"metadata":{"name":"contract-proj"},"spec":{"sourceRepos":["*"],"destinations":[{"server":"*","namespace":"*"}],"roles":[{"name":"ci","policies":["p, proj:contract-proj:ci, applications, get, contract-proj/*, allow"]}]}}}""";
        var created = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/projects", project);
        SwaggerContract.AssertConforms("POST /api/v1/projects", await BodyAsync(created));
        var token = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/projects/contract-proj/roles/ci/token", """{"id":"contract","expiresIn":600}""");
        SwaggerContract.AssertConforms("POST /api/v1/projects/{project}/roles/{role}/token", await BodyAsync(token));
        await ConformsAsync(admin, "GET /api/v1/projects/{name}/events", "api/v1/projects/contract-proj/events");
        var deleted = await ServerHarness.SendJsonAsync(admin, HttpMethod.Delete, "api/v1/projects/contract-proj", null);
        SwaggerContract.AssertConforms("DELETE /api/v1/projects/{name}", await BodyAsync(deleted));

        var clusters = await ConformsAsync(admin, "GET /api/v1/clusters", "api/v1/clusters");
        Assert.Contains(clusters["items"]!.AsArray(), c => c?["name"]?.ToString() == "in-cluster");
        await ConformsAsync(admin, "GET /api/v1/clusters/{id.value}", $"api/v1/clusters/{Uri.EscapeDataString("https://kubernetes.default.svc")}");

        var repository = new JsonObject { ["repo"] = harness.Repo, ["type"] = "git", ["name"] = "contract", ["project"] = "default" }.ToJsonString();
        var added = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/repositories", repository);
        SwaggerContract.AssertConforms("POST /api/v1/repositories", await BodyAsync(added));
        await ConformsAsync(admin, "GET /api/v1/repositories", "api/v1/repositories");
        await ConformsAsync(admin, "GET /api/v1/repositories/{repo}", $"api/v1/repositories/{Uri.EscapeDataString(harness.Repo)}");
        await ConformsAsync(admin, "GET /api/v1/repositories/{repo}/refs", $"api/v1/repositories/{Uri.EscapeDataString(harness.Repo)}/refs");
        var removed = await ServerHarness.SendJsonAsync(admin, HttpMethod.Delete, $"api/v1/repositories/{Uri.EscapeDataString(harness.Repo)}", null);
        SwaggerContract.AssertConforms("DELETE /api/v1/repositories/{repo}", await BodyAsync(removed));
    }

    /// <summary>Checks a stream message against the stream's schema, which allows an error too: so first that it is a result.</summary>
    private static void ResultConforms(string operation, JsonObject message)
    {
        Assert.True(message["result"] is JsonObject, $"{operation}: a message that is not a result: {message.ToJsonString()}");
        SwaggerContract.AssertConforms(operation, message);
    }

    /// <summary>GETs <paramref name="path"/>, requires a 200 and checks the body against <paramref name="operation"/>'s schema.</summary>
    internal static async Task<JsonObject> ConformsAsync(HttpClient http, string operation, string path)
    {
        var body = await BodyAsync(await http.GetAsync(path));
        SwaggerContract.AssertConforms(operation, body);
        return body;
    }

    internal static async Task<JsonObject> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
