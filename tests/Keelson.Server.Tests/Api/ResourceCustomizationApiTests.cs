using System.Net;
using System.Text.Json.Nodes;
using Keelson.Resources;
using Keelson.Resources.Serialization;

namespace Keelson.Server.Tests.Api;

/// <summary>
/// A user's argocd-cm customizations for a custom kind (a Rollout-like CRD with no controller), end to end: the
/// engine judges the objects with the health script and the API shows it in the app's health; the action endpoints
/// run the actions' scripts and change the live object.
/// </summary>
public sealed class ResourceCustomizationApiTests(ResourceCustomizationApiTests.Fixture fixture) : IClassFixture<ResourceCustomizationApiTests.Fixture>
{
    private const string App = "rollouts";

    private ServerHarness Harness => fixture.Harness;

    /// <summary>The harness with the Rollout customizations in argocd-cm, and the app created and synced.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public ServerHarness Harness { get; } = new();

        public async Task InitializeAsync()
        {
            await Harness.InitializeAsync();
            // The CRD is installed by hand, as a cluster admin would: the default project deploys no cluster-scoped objects.
            await Harness.Client.ApplyManifestsAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "rollout-crd.yaml")), "test", "rollout-crd.yaml");
            await WriteApiApps.EventuallyAsync(() => Harness.Client.FindAsync("argoproj.io/v1alpha1", "Rollout"), t => t is not null, "the Rollout kind to be served");
            var data = (JsonObject)YamlDocuments.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "rollouts-argocd-cm-data.yaml"))).Single()!;
            await Harness.Client.MergePatchAsync((await Harness.Client.FindAsync("v1", "ConfigMap"))!, "argocd", "argocd-cm", new JsonObject { ["data"] = data });
            await WriteApiApps.DeployFixtureAsync(Harness, App);
        }

        public Task DisposeAsync() => Harness.DisposeAsync();
    }

    private static string Query(string name) => $"namespace={App}&resourceName={name}&version=v1alpha1&group=argoproj.io&kind=Rollout";

    private static JsonObject Run(string action, params (string Name, string Value)[] parameters) => new()
    {
        ["name"] = App,
        ["namespace"] = App,
        ["resourceName"] = "checkout",
        ["version"] = "v1alpha1",
        ["group"] = "argoproj.io",
        ["kind"] = "Rollout",
        ["action"] = action,
        ["resourceActionParameters"] = new JsonArray(parameters.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["value"] = p.Value }).ToArray()),
    };

    private Task<JsonObject?> LiveAsync() => Harness.Client.GetAsync("argoproj.io/v1alpha1", "Rollout", App, "checkout");

    [Fact]
    public async Task A_Rollout_judged_by_a_user_s_script_gives_the_app_its_health_and_its_actions_run_through_the_API_change_the_live_object()
    {
        using var admin = Harness.As("admin");
        // The script says a paused Rollout is Suspended: so is the app, in the API.
        var app = await Harness.WaitForAsync(App, a => a["status"]?["health"]?["status"]?.ToString() == "Suspended", "Suspended by the Rollout's health script");
        var resource = app["status"]!["resources"]!.AsArray().OfType<JsonObject>().Single(r => r["kind"]!.ToString() == "Rollout");
        Assert.Equal("""{"status":"Suspended","message":"Rollout is paused"}""", resource["health"]!.ToJsonString());

        var listed = await ServerHarness.JsonAsync(await admin.GetAsync($"api/v1/applications/{App}/resource/actions?{Query("checkout")}"));
        Assert.Equal("""[{"name":"pause","disabled":true,"iconClass":"fa fa-fw fa-pause-circle"},{"name":"resume","iconClass":"fa fa-fw fa-play-circle"},{"name":"set-weight","params":[{"name":"weight"}]}]""",
            listed["actions"]!.ToJsonString());

        // resume: the script drops spec.paused and stamps an annotation; the live object changes, and the app is Healthy.
        var resumed = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, $"api/v1/applications/{App}/resource/actions/v2", Run("resume").ToJsonString());
        Assert.True(resumed.StatusCode == HttpStatusCode.OK, await resumed.Content.ReadAsStringAsync());
        var live = (await LiveAsync())!;
        Assert.Null(live.GetPath("spec", "paused"));
        Assert.NotNull(live.GetAnnotations().GetValueOrDefault("example.com/resumed-at"));
        await Harness.WaitForAsync(App, a => a["status"]?["health"]?["status"]?.ToString() == "Healthy", "Healthy once resumed");

        // An action with a parameter (v2), and one whose script refuses the parameter.
        var weighted = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, $"api/v1/applications/{App}/resource/actions/v2", Run("set-weight", ("weight", "40")).ToJsonString());
        Assert.True(weighted.StatusCode == HttpStatusCode.OK, await weighted.Content.ReadAsStringAsync());
        Assert.Equal(40, (await LiveAsync())!.GetPath("spec", "strategy", "canary", "steps")!.AsArray()[0]!["setWeight"]!.GetValue<int>());
        var refused = await WriteApiApps.ErrorAsync(await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, $"api/v1/applications/{App}/resource/actions/v2", Run("set-weight", ("weight", "lots")).ToJsonString()));
        Assert.Equal((HttpStatusCode.BadRequest, "error executing Lua resource action set-weight on Rollout checkout: weight must be a number from 0 to 100, not lots"), refused);

        // The v1 endpoint runs the same scripts; an unknown action is named with those there are.
        var paused = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, $"api/v1/applications/{App}/resource/actions?{Query("checkout")}", "\"pause\"");
        Assert.True(paused.StatusCode == HttpStatusCode.OK, await paused.Content.ReadAsStringAsync());
        Assert.True((await LiveAsync())!.GetPath("spec", "paused")!.GetValue<bool>());
        var unknown = await WriteApiApps.ErrorAsync(await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, $"api/v1/applications/{App}/resource/actions?{Query("checkout")}", "\"promote\""));
        Assert.Equal((HttpStatusCode.BadRequest, "action \"promote\" is not available for Rollout checkout: its actions are pause, resume, set-weight"), unknown);

        // What the Rollout's controller would report: the script makes it Degraded, and the app with it.
        var type = (await Harness.Client.FindAsync("argoproj.io/v1alpha1", "Rollout"))!;
        await Harness.Client.MergePatchAsync(type, App, "checkout", (JsonObject)JsonNode.Parse("""{"spec":{"paused":null},"status":{"phase":"Degraded","message":"ProgressDeadlineExceeded: canary did not become ready"}}""")!);
        app = await Harness.WaitForAsync(App, a => a["status"]?["health"]?["status"]?.ToString() == "Degraded", "Degraded by the Rollout's health script");
        resource = app["status"]!["resources"]!.AsArray().OfType<JsonObject>().Single(r => r["kind"]!.ToString() == "Rollout");
        Assert.Equal("ProgressDeadlineExceeded: canary did not become ready", resource["health"]!["message"]!.ToString());
    }

    [Fact]
    public async Task Running_a_Rollout_action_needs_the_action_permission_for_its_group_and_kind()
    {
        using var bob = Harness.As("bob");
        var denied = await WriteApiApps.ErrorAsync(await ServerHarness.SendJsonAsync(bob, HttpMethod.Post, $"api/v1/applications/{App}/resource/actions/v2", Run("pause").ToJsonString()));
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.StartsWith("permission denied: applications, action/argoproj.io/Rollout/pause, default/rollouts", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Owned_objects_in_the_resource_tree_are_judged_by_argocd_cm_s_scripts_too()
    {
        using var admin = Harness.As("admin");
        await Harness.WaitForAsync("web-dev", a => a["status"]?["health"]?["status"]?.ToString() == "Healthy", "Healthy");
        var tree = await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/applications/web-dev/resource-tree"));
        var replicaSet = tree["nodes"]!.AsArray().OfType<JsonObject>().First(n => n["kind"]!.ToString() == "ReplicaSet");
        Assert.Equal("Healthy", replicaSet["health"]!["status"]!.ToString());
        Assert.StartsWith("judged by argocd-cm: ", replicaSet["health"]!["message"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_managed_resources_diff_leaves_out_what_argocd_cm_s_ignoreDifferences_ignore()
    {
        using var admin = Harness.As("admin");
        var type = (await Harness.Client.FindAsync("argoproj.io/v1alpha1", "Rollout"))!;
        await Harness.Client.MergePatchAsync(type, App, "checkout", new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 7 } });
        await WriteApiApps.EventuallyAsync(LiveAsync, r => r?.GetPath("spec", "replicas")?.GetValue<int>() == 7, "replicas 7 live");
        var managed = await ServerHarness.JsonAsync(await admin.GetAsync($"api/v1/applications/{App}/managed-resources"));
        var rollout = managed["items"]!.AsArray().OfType<JsonObject>().Single(i => i["kind"]!.ToString() == "Rollout");
        Assert.DoesNotContain("replicas", JsonNode.Parse(rollout["normalizedLiveState"]!.ToString())!["spec"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal(7, JsonNode.Parse(rollout["liveState"]!.ToString())!["spec"]!["replicas"]!.GetValue<int>());
    }
}
