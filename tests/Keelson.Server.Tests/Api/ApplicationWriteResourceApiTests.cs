using System.Net;
using System.Text.Json.Nodes;
using Keelson.Tests.Shared;

namespace Keelson.Server.Tests.Api;

/// <summary>
/// One object of an Application over the API — read, patched, deleted, acted on — in the embedded cluster, with the
/// seed's RBAC. One Application (write-res: the sample web app and a CronJob) serves every test of the class.
/// </summary>
public sealed class ApplicationWriteResourceApiTests(ApplicationWriteResourceApiTests.Fixture fixture) : IClassFixture<ApplicationWriteResourceApiTests.Fixture>
{
    private const string App = "write-res";

    private ServerHarness Harness => fixture.Harness;

    /// <summary>The harness, with write-res created and synced.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public ServerHarness Harness { get; } = new();

        public async Task InitializeAsync()
        {
            await Harness.InitializeAsync();
            await WriteApiApps.DeployFixtureAsync(Harness, App);
            await Harness.WaitForAsync(App, a => a["status"]?["health"]?["status"]?.ToString() == "Healthy", "healthy");
        }

        public Task DisposeAsync() => Harness.DisposeAsync();
    }

    private static string Query(string kind, string name, string group = "", string version = "v1") =>
        $"namespace={App}&resourceName={Uri.EscapeDataString(name)}&version={version}&group={group}&kind={kind}";

    private static string Resource(string query) => $"api/v1/applications/{App}/resource?{query}";

    [Fact]
    public async Task Get_answers_the_live_manifest_with_secret_values_masked()
    {
        using var bob = Harness.As("bob");
        var configMap = await ServerHarness.JsonAsync(await bob.GetAsync(Resource(Query("ConfigMap", "web-settings"))));
        var manifest = JsonNode.Parse(configMap["manifest"]!.ToString())!;
        Assert.Equal("web-settings", manifest["metadata"]!["name"]!.ToString());

        var secretResponse = await bob.GetAsync(Resource(Query("Secret", "web-credentials")));
        var text = await secretResponse.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, secretResponse.StatusCode);
        Assert.DoesNotContain(SampleApp.SecretData, text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", text, StringComparison.Ordinal);
        var secret = JsonNode.Parse((await ServerHarness.JsonAsync(secretResponse))["manifest"]!.ToString())!;
        Assert.Equal("++++++++", secret["data"]!["password"]!.ToString());
        // The cluster still holds the value: only the answer is masked.
        Assert.Equal(SampleApp.SecretData, (await Harness.Client.GetAsync("v1", "Secret", App, "web-credentials"))!["data"]!["password"]!.ToString());
    }

    [Fact]
    public async Task Only_objects_in_the_application_s_tree_are_reachable_and_bad_names_are_refused()
    {
        await Harness.Client.ApplyManifestsAsync($"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: stray
              namespace: {App}
            data:
              a: b
            """, "test", "stray");
        using var admin = Harness.As("admin");
        Assert.Equal((HttpStatusCode.BadRequest, $"ConfigMap  stray not found as part of application {App}"),
            await WriteApiApps.ErrorAsync(await admin.GetAsync(Resource(Query("ConfigMap", "stray")))));
        var deleteStray = await WriteApiApps.DeleteAsync(admin, Resource(Query("ConfigMap", "stray")));
        Assert.Equal(HttpStatusCode.BadRequest, deleteStray.StatusCode);
        Assert.NotNull(await Harness.Client.GetAsync("v1", "ConfigMap", App, "stray"));

        Assert.Equal((HttpStatusCode.BadRequest, "resourceName \"../web-settings\": must not contain '/', '..' or control characters"),
            await WriteApiApps.ErrorAsync(await admin.GetAsync(Resource(Query("ConfigMap", "../web-settings")))));
        Assert.Equal((HttpStatusCode.BadRequest, "kind: required"), await WriteApiApps.ErrorAsync(await admin.GetAsync($"api/v1/applications/{App}/resource?resourceName=web")));

        // A Pod the Deployment owns is in the tree, as in Argo CD.
        var pod = (await Harness.Client.ListAsync((await Harness.Client.FindAsync("v1", "Pod"))!, App, null)).Items.First(p => p["metadata"]!["name"]!.ToString().StartsWith("web-", StringComparison.Ordinal));
        var podResponse = await admin.GetAsync(Resource(Query("Pod", pod["metadata"]!["name"]!.ToString())));
        Assert.True(podResponse.StatusCode == HttpStatusCode.OK, await podResponse.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Patch_writes_the_patch_to_the_object_and_needs_the_fine_grained_update()
    {
        var merge = Resource(Query("ConfigMap", "web-settings")) + "&patchType=" + Uri.EscapeDataString("application/merge-patch+json");
        var patch = JsonValue.Create("""{"data":{"greeting":"hi"}}""").ToJsonString();
        using (var bob = Harness.As("bob"))
        {
            Assert.Equal((HttpStatusCode.Forbidden, $"permission denied: applications, update//ConfigMap/{App}/web-settings, default/{App}, sub: bob"),
                await WriteApiApps.ErrorAsync(await ServerHarness.SendJsonAsync(bob, HttpMethod.Post, merge, patch)));
        }
        using var admin = Harness.As("admin");
        var unknownType = await WriteApiApps.ErrorAsync(await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, Resource(Query("ConfigMap", "web-settings")) + "&patchType=yaml", patch));
        Assert.Equal(HttpStatusCode.BadRequest, unknownType.Status);
        Assert.StartsWith("patchType \"yaml\" is not supported", unknownType.Message, StringComparison.Ordinal);
        var notAString = await WriteApiApps.ErrorAsync(await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, merge, """{"data":{"greeting":"hi"}}"""));
        Assert.Equal((HttpStatusCode.BadRequest, "patch: the request body must be a JSON string"), notAString);
        Assert.Equal("hello", await GreetingAsync());

        var response = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, merge, patch);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("hi", JsonNode.Parse((await ServerHarness.JsonAsync(response))["manifest"]!.ToString())!["data"]!["greeting"]!.ToString());
        Assert.Equal("hi", await GreetingAsync());

        var secretPatch = Resource(Query("Secret", "web-credentials")) + "&patchType=" + Uri.EscapeDataString("application/merge-patch+json");
        var secret = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, secretPatch, JsonValue.Create("""{"metadata":{"labels":{"seen":"yes"}}}""").ToJsonString());
        var secretText = await secret.Content.ReadAsStringAsync();
        Assert.True(secret.StatusCode == HttpStatusCode.OK, secretText);
        Assert.DoesNotContain(SampleApp.SecretData, secretText, StringComparison.Ordinal);

        async Task<string?> GreetingAsync() => (await Harness.Client.GetAsync("v1", "ConfigMap", App, "web-settings"))!["data"]!["greeting"]?.ToString();
    }

    [Fact]
    public async Task Delete_removes_the_object_and_needs_the_fine_grained_delete()
    {
        using (var bob = Harness.As("bob"))
        {
            Assert.Equal((HttpStatusCode.Forbidden, $"permission denied: applications, delete//Service/{App}/web, default/{App}, sub: bob"),
                await WriteApiApps.ErrorAsync(await WriteApiApps.DeleteAsync(bob, Resource(Query("Service", "web")))));
        }
        Assert.NotNull(await Harness.Client.GetAsync("v1", "Service", App, "web"));
        using var admin = Harness.As("admin");
        Assert.Equal(HttpStatusCode.BadRequest, (await WriteApiApps.DeleteAsync(admin, Resource(Query("Service", "web")) + "&force=maybe")).StatusCode);
        var deleted = await WriteApiApps.DeleteAsync(admin, Resource(Query("Service", "web")));
        Assert.Equal("{}", await deleted.Content.ReadAsStringAsync());
        await WriteApiApps.EventuallyAsync(() => Harness.Client.GetAsync("v1", "Service", App, "web"), s => s is null, "the Service to be deleted");
    }

    [Fact]
    public async Task Deployment_actions_are_listed_with_their_state_and_restart_rolls_new_pods()
    {
        using var admin = Harness.As("admin");
        var deployment = Query("Deployment", "web", "apps");
        var listed = await ServerHarness.JsonAsync(await admin.GetAsync($"api/v1/applications/{App}/resource/actions?{deployment}"));
        Assert.Equal("""[{"name":"pause","iconClass":"fa fa-fw fa-pause-circle"},{"name":"restart","iconClass":"fa fa-fw fa-redo"},{"name":"resume","disabled":true,"iconClass":"fa fa-fw fa-play-circle"},{"name":"scale","params":[{"name":"replicas"}],"iconClass":"fa fa-fw fa-plus-circle"}]""",
            listed["actions"]!.ToJsonString());

        using (var bob = Harness.As("bob"))
        {
            var denied = await WriteApiApps.ErrorAsync(await ServerHarness.SendJsonAsync(bob, HttpMethod.Post, "api/v1/applications/web-prod/resource/actions?" + Query("Deployment", "web", "apps"), "\"restart\""));
            Assert.Equal((HttpStatusCode.Forbidden, "permission denied: applications, action/apps/Deployment/restart, production/web-prod, sub: bob"), denied);
        }
        var unknown = await WriteApiApps.ErrorAsync(await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, $"api/v1/applications/{App}/resource/actions?{deployment}", "\"explode\""));
        Assert.Equal((HttpStatusCode.BadRequest, "action \"explode\" is not available for Deployment web: its actions are pause, restart, resume, scale"), unknown);

        var replicaSets = await ReplicaSetsAsync();
        var restart = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, $"api/v1/applications/{App}/resource/actions?{deployment}", "\"restart\"");
        Assert.Equal("{}", await restart.Content.ReadAsStringAsync());
        var restartedAt = (await Harness.Client.GetAsync("apps/v1", "Deployment", App, "web"))!["spec"]!["template"]!["metadata"]!["annotations"]!["kubectl.kubernetes.io/restartedAt"]!.ToString();
        Assert.InRange(DateTimeOffset.Parse(restartedAt, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        await WriteApiApps.EventuallyAsync(ReplicaSetsAsync, n => n > replicaSets, "a new ReplicaSet for the restarted template");

        var pause = new JsonObject
        {
            ["name"] = App,
            ["namespace"] = App,
            ["resourceName"] = "web",
            ["version"] = "v1",
            ["group"] = "apps",
            ["kind"] = "Deployment",
            ["action"] = "pause",
            ["resourceActionParameters"] = new JsonArray(),
        };
        var paused = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, $"api/v1/applications/{App}/resource/actions/v2", pause.ToJsonString());
        Assert.True(paused.StatusCode == HttpStatusCode.OK, await paused.Content.ReadAsStringAsync());
        Assert.True((await Harness.Client.GetAsync("apps/v1", "Deployment", App, "web"))!["spec"]!["paused"]!.GetValue<bool>());
        var whilePaused = await ServerHarness.JsonAsync(await admin.GetAsync($"api/v1/applications/{App}/resource/actions?{deployment}"));
        Assert.Equal([true, null], whilePaused["actions"]!.AsArray().Where(a => a!["name"]!.ToString() is "pause" or "resume").Select(a => a!["disabled"]?.GetValue<bool>()));
        pause["action"] = "resume";
        Assert.Equal(HttpStatusCode.OK, (await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, $"api/v1/applications/{App}/resource/actions/v2", pause.ToJsonString())).StatusCode);
        Assert.False((await Harness.Client.GetAsync("apps/v1", "Deployment", App, "web"))!["spec"]!["paused"]!.GetValue<bool>());

        async Task<int> ReplicaSetsAsync() =>
            (await Harness.Client.ListAsync((await Harness.Client.FindAsync("apps/v1", "ReplicaSet"))!, App, null)).Items.Count;
    }

    [Fact]
    public async Task Create_job_makes_a_Job_from_the_CronJob_s_template()
    {
        using var admin = Harness.As("admin");
        var cronJob = Query("CronJob", "report", "batch");
        var run = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, $"api/v1/applications/{App}/resource/actions?{cronJob}", "\"create-job\"");
        Assert.True(run.StatusCode == HttpStatusCode.OK, await run.Content.ReadAsStringAsync());
        var jobs = (await Harness.Client.ListAsync((await Harness.Client.FindAsync("batch/v1", "Job"))!, App, null)).Items;
        var job = Assert.Single(jobs, j => j["metadata"]!["name"]!.ToString().StartsWith("report-", StringComparison.Ordinal));
        Assert.Equal("manual", job["metadata"]!["annotations"]!["cronjob.kubernetes.io/instantiate"]!.ToString());
        Assert.Equal("report", job["metadata"]!["ownerReferences"]![0]!["name"]!.ToString());
        Assert.Equal("example.com/report:1", job["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.ToString());
    }
}
