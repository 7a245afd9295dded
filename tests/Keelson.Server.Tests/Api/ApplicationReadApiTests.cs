using System.Net;
using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Tests.Shared;
using LibGit2Sharp;

namespace Keelson.Server.Tests.Api;

/// <summary>managed-resources, manifests, events, revision metadata and syncwindows of /api/v1/applications/{name}.</summary>
public sealed class ApplicationReadApiTests(ServerHarness harness) : IClassFixture<ServerHarness>
{
    [Fact]
    public async Task Managed_resources_show_a_Deployment_scaled_in_the_cluster_as_modified_with_its_diff()
    {
        await AppReadSteps.SyncedAsync(harness, "web-prod");
        var deployments = (await harness.Client.FindAsync("apps/v1", "Deployment"))!;
        await harness.Client.MergePatchAsync(deployments, "web-prod", "web", new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 5 } });

        using var admin = harness.As("admin");
        var response = await admin.GetAsync("api/v1/applications/web-prod/managed-resources?kind=Deployment&namespace=web-prod");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var item = Assert.Single((await ServerHarness.JsonAsync(response))["items"]!.AsArray())!.AsObject();
        Assert.Equal(("apps", "Deployment", "web-prod", "web"), (item["group"]!.ToString(), item["kind"]!.ToString(), item["namespace"]!.ToString(), item["name"]!.ToString()));
        Assert.True(item["modified"]!.GetValue<bool>());
        // The states are JSON strings, as Argo CD's UI parses them.
        Assert.Equal(5, JsonNode.Parse(item["liveState"]!.GetValue<string>())!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(2, JsonNode.Parse(item["targetState"]!.GetValue<string>())!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(2, JsonNode.Parse(item["predictedLiveState"]!.GetValue<string>())!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(5, JsonNode.Parse(item["normalizedLiveState"]!.GetValue<string>())!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(2, JsonNode.Parse(item["diff"]!.GetValue<string>())!["spec"]!["replicas"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(item["resourceVersion"]?.ToString()));

        // The ConfigMap was not touched: not modified (omitted, as Go's omitempty leaves it), no diff.
        var configMap = Assert.Single((await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/applications/web-prod/managed-resources?kind=ConfigMap")))["items"]!.AsArray())!.AsObject();
        Assert.Null(configMap["modified"]);
        Assert.Null(configMap["diff"]);
        Assert.Null(configMap["group"]);
    }

    [Fact]
    public async Task Managed_resources_never_show_a_Secret_s_data_only_masks()
    {
        await AppReadSteps.SyncedAsync(harness, "web-dev");
        using var admin = harness.As("admin");
        var response = await admin.GetAsync("api/v1/applications/web-dev/managed-resources");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.DoesNotContain(SampleApp.SecretData, body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", body, StringComparison.Ordinal);
        var items = JsonNode.Parse(body)!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(["ConfigMap", "Deployment", "Secret", "Service"], items.Select(i => i["kind"]!.ToString()).Order(StringComparer.Ordinal));
        var secret = items.Single(i => i["kind"]!.ToString() == "Secret");
        foreach (var state in new[] { "targetState", "liveState", "normalizedLiveState", "predictedLiveState" })
            Assert.Equal("++++++++", JsonNode.Parse(secret[state]!.GetValue<string>())!["data"]!["password"]!.ToString());
    }

    [Fact]
    public async Task Manifests_are_the_source_rendered_at_the_resolved_commit_with_Secrets_masked()
    {
        using var admin = harness.As("admin");
        var response = await admin.GetAsync("api/v1/applications/web-dev/manifests");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.DoesNotContain(SampleApp.SecretData, body, StringComparison.Ordinal);
        var json = JsonNode.Parse(body)!.AsObject();
        Assert.Equal("Kustomize", json["sourceType"]!.ToString());
        Assert.Equal("web-dev", json["namespace"]!.ToString());
        Assert.Equal("https://kubernetes.default.svc", json["server"]!.ToString());
        using (var repository = new Repository(harness.Repo)) Assert.Equal(repository.Branches["main"].Tip.Sha, json["revision"]!.ToString());
        var manifests = json["manifests"]!.AsArray().Select(m => JsonNode.Parse(m!.GetValue<string>())!.AsObject()).ToList();
        Assert.Equal(["ConfigMap", "Deployment", "Secret", "Service"], manifests.Select(m => m["kind"]!.ToString()).Order(StringComparer.Ordinal));
        var deployment = manifests.Single(m => m["kind"]!.ToString() == "Deployment");
        Assert.Equal("example.com/web:1.0.0", deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.ToString());
        Assert.Equal("++++++++", manifests.Single(m => m["kind"]!.ToString() == "Secret")["data"]!["password"]!.ToString());
    }

    [Fact]
    public async Task Manifests_at_a_revision_Git_does_not_have_are_a_404_that_names_it()
    {
        using var admin = harness.As("admin");
        var response = await admin.GetAsync("api/v1/applications/web-dev/manifests?revision=no-such-branch");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await ServerHarness.JsonAsync(response);
        Assert.Equal(5, error["code"]!.GetValue<int>());
        Assert.Contains("revision 'no-such-branch' not found", error["message"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revision_metadata_tells_the_commit_s_author_date_message_and_tags()
    {
        var when = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        File.WriteAllText(Path.Combine(harness.Repo, "NOTES.md"), "metadata test\n");
        var sha = Keelson.Git.LocalRepository.CommitAll(harness.Repo, "Describe the web app\n\nA longer body.", "Ada Lovelace <ada@example.com>", when);
        using (var repository = new Repository(harness.Repo)) repository.ApplyTag("v9.9.9", sha);

        using var admin = harness.As("admin");
        var response = await admin.GetAsync("api/v1/applications/web-dev/revisions/v9.9.9/metadata");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var metadata = await ServerHarness.JsonAsync(response);
        Assert.Equal("Ada Lovelace <ada@example.com>", metadata["author"]!.ToString());
        Assert.Equal("2024-05-06T07:08:09Z", metadata["date"]!.ToString());
        Assert.Equal("Describe the web app\n\nA longer body.", metadata["message"]!.ToString());
        Assert.Equal(["v9.9.9"], metadata["tags"]!.AsArray().Select(t => t!.ToString()));

        var bySha = await ServerHarness.JsonAsync(await admin.GetAsync($"api/v1/applications/web-dev/revisions/{sha}/metadata"));
        Assert.Equal("Ada Lovelace <ada@example.com>", bySha["author"]!.ToString());
    }

    [Fact]
    public async Task Revision_metadata_of_an_unknown_revision_is_a_404_and_a_malformed_one_a_400()
    {
        using var admin = harness.As("admin");
        var unknown = await admin.GetAsync("api/v1/applications/web-dev/revisions/0123456789abcdef0123456789abcdef01234567/metadata");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("0123456789abcdef0123456789abcdef01234567", (await ServerHarness.JsonAsync(unknown))["message"]!.ToString(), StringComparison.Ordinal);
        var malformed = await admin.GetAsync("api/v1/applications/web-dev/revisions/main..v1/metadata");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.StartsWith("invalid revision 'main..v1'", (await ServerHarness.JsonAsync(malformed))["message"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_are_the_application_s_own_or_those_of_one_of_its_resources()
    {
        await AppReadSteps.SyncedAsync(harness, "web-dev");
        using var admin = harness.As("admin");
        var app = await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/applications/web-dev"));
        await harness.Client.ApplyManifestsAsync($$"""
            apiVersion: v1
            kind: Event
            metadata:
              name: web-dev.test-event
              namespace: argocd
            involvedObject:
              apiVersion: argoproj.io/v1alpha1
              kind: Application
              name: web-dev
              namespace: argocd
              uid: {{app["metadata"]!["uid"]}}
            reason: OperationStarted
            message: a test event about web-dev
            type: Normal
            """, "test", "event");
        var own = await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/applications/web-dev/events"));
        Assert.NotNull(own["metadata"]);
        Assert.Equal(["a test event about web-dev"], own["items"]!.AsArray().Select(e => e!["message"]!.ToString()));

        var nodes = await AppReadSteps.TreeAsync(harness, "web-dev", n => n.Any(x => x["kind"]!.ToString() == "Deployment"), "the Deployment");
        var uid = nodes.Single(n => n["kind"]!.ToString() == "Deployment")["uid"]!.ToString();
        var events = await ServerHarness.JsonAsync(await admin.GetAsync($"api/v1/applications/web-dev/events?resourceNamespace=web-dev&resourceName=web&resourceUID={uid}"));
        var reasons = events["items"]!.AsArray().Select(e => e!["reason"]!.ToString()).ToList();
        Assert.Contains("ScalingReplicaSet", reasons);
        Assert.All(events["items"]!.AsArray(), e => Assert.Equal(uid, e!["involvedObject"]!["uid"]!.ToString()));

        var foreign = await admin.GetAsync("api/v1/applications/web-dev/events?resourceNamespace=kube-system&resourceName=coredns&resourceUID=x");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal("coredns not found as part of application web-dev", (await ServerHarness.JsonAsync(foreign))["message"]!.ToString());
    }

    [Fact]
    public async Task Sync_windows_are_assigned_by_application_evaluated_now_and_a_deny_wins()
    {
        var hour = (DateTimeOffset.UtcNow.Hour + 12) % 24;
        await ApplyWindowsProjectAsync($"""
                - kind: allow
                  schedule: "* * * * *"
                  duration: 1h
                  applications: [windowed]
                - kind: allow
                  schedule: "0 {hour} * * *"
                  duration: 1h
                  applications: [windowed]
                - kind: deny
                  schedule: "* * * * *"
                  duration: 1h
                  applications: [someone-else]
            """);
        await harness.Client.ApplyManifestsAsync(harness.App("windowed", "windows", "apps/web/overlays/dev", "windowed", SampleApp.Manual), "test", "windowed");
        try
        {
            await harness.WaitForAsync("windowed", _ => true, "in the server's cache");
            using var admin = harness.As("admin");
            var open = await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/applications/windowed/syncwindows"));
            Assert.Equal(["* * * * *", $"0 {hour} * * *"], open["assignedWindows"]!.AsArray().Select(w => w!["schedule"]!.ToString()));
            var active = Assert.Single(open["activeWindows"]!.AsArray())!;
            Assert.Equal("""{"kind":"allow","schedule":"* * * * *","duration":"1h","manualSync":false}""", active.ToJsonString());
            Assert.True(open["canSync"]!.GetValue<bool>());

            await ApplyWindowsProjectAsync("""
                - kind: allow
                  schedule: "* * * * *"
                  duration: 1h
                  applications: [windowed]
                - kind: deny
                  schedule: "* * * * *"
                  duration: 1h
                  namespaces: [windowed]
            """);
            var denied = await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/applications/windowed/syncwindows"));
            Assert.Equal(2, denied["activeWindows"]!.AsArray().Count);
            Assert.False(denied["canSync"]!.GetValue<bool>());

            await ApplyWindowsProjectAsync($"""
                - kind: allow
                  schedule: "0 {hour} * * *"
                  duration: 1h
                  clusters: ["https://kubernetes.*"]
            """);
            var closed = await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/applications/windowed/syncwindows"));
            Assert.Null(closed["activeWindows"]);
            Assert.False(closed["canSync"]!.GetValue<bool>());

            await ApplyWindowsProjectAsync("""
                - kind: allow
                  schedule: "not a schedule"
                  duration: 1h
                  applications: ["*"]
            """);
            var invalid = await admin.GetAsync("api/v1/applications/windowed/syncwindows");
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Contains("cannot parse schedule 'not a schedule'", (await ServerHarness.JsonAsync(invalid))["message"]!.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            var apps = (await harness.Client.FindAsync("argoproj.io/v1alpha1", "Application"))!;
            await harness.Client.DeleteAsync(apps, "argocd", "windowed");
            var projects = (await harness.Client.FindAsync("argoproj.io/v1alpha1", "AppProject"))!;
            await harness.Client.DeleteAsync(projects, "argocd", "windows");
        }
    }

    [Theory]
    [InlineData("web..dev")]
    [InlineData("Web-Dev")]
    [InlineData("web%2Fdev")]
    public async Task A_name_that_cannot_be_an_application_s_is_a_400_that_says_why(string name)
    {
        using var admin = harness.As("admin");
        var response = await admin.GetAsync($"api/v1/applications/{name}/manifests");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("invalid application name", (await ServerHarness.JsonAsync(response))["message"]!.ToString(), StringComparison.Ordinal);
    }

    private Task ApplyWindowsProjectAsync(string windows) => harness.Client.ApplyManifestsAsync($"""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata:
          name: windows
          namespace: argocd
        spec:
          sourceRepos: ["*"]
          destinations:
            - server: "*"
              namespace: "*"
          clusterResourceWhitelist:
            - group: "*"
              kind: "*"
          syncWindows:
        {windows}
        """, "test", "windows-project");
}
