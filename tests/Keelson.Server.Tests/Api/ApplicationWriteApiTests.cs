using System.Net;
using System.Text.Json.Nodes;
using Keelson.Tests.Shared;

namespace Keelson.Server.Tests.Api;

/// <summary>Changing Applications over the API — update, spec, patch, rollback, terminate — checked in the control cluster afterwards.</summary>
public sealed class ApplicationWriteApiTests(ServerHarness harness) : IClassFixture<ServerHarness>
{

    private static string Settings(string value) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: rollback-settings
        data:
          value: "{value}"
        """;

    private const string Kustomization = "resources:\n  - resources.yaml\n";

    [Fact]
    public async Task Put_replaces_labels_and_spec_and_refuses_a_name_mismatch_bad_json_and_bob()
    {
        await WriteApiApps.CreateAsync(harness, "write-update", "apps/web/prod");
        try
        {
            using var admin = harness.As("admin");
            var app = (await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/applications/write-update")));
            app["metadata"]!["labels"] = new JsonObject { ["team"] = "platform" };
            app["metadata"]!["annotations"] = new JsonObject { ["note"] = "updated" };
            app["spec"]!["revisionHistoryLimit"] = 3;

            var renamed = app.DeepClone().AsObject();
            renamed["metadata"]!["name"] = "other";
            var mismatch = await WriteApiApps.ErrorAsync(await ServerHarness.SendJsonAsync(admin, HttpMethod.Put, "api/v1/applications/write-update", renamed.ToJsonString()));
            Assert.Equal((HttpStatusCode.BadRequest, "application.metadata.name \"other\" does not match the application in the path \"write-update\""), mismatch);
            var malformed = await WriteApiApps.ErrorAsync(await ServerHarness.SendJsonAsync(admin, HttpMethod.Put, "api/v1/applications/write-update", "{\"spec\":"));
            Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
            Assert.StartsWith("the request body is not valid JSON", malformed.Message, StringComparison.Ordinal);
            using (var bob = harness.As("bob"))
            {
                var denied = await WriteApiApps.ErrorAsync(await ServerHarness.SendJsonAsync(bob, HttpMethod.Put, "api/v1/applications/write-update", app.ToJsonString()));
                Assert.Equal((HttpStatusCode.Forbidden, "permission denied: applications, update, default/write-update, sub: bob"), denied);
            }
            var unchanged = await WriteApiApps.StoredAsync(harness, "write-update");
            Assert.Equal("writes", unchanged["metadata"]!["labels"]!["team"]!.ToString());
            Assert.Null(unchanged["spec"]!["revisionHistoryLimit"]);

            var updated = await ServerHarness.SendJsonAsync(admin, HttpMethod.Put, "api/v1/applications/write-update", app.ToJsonString());
            Assert.True(updated.StatusCode == HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
            var stored = await WriteApiApps.StoredAsync(harness, "write-update");
            Assert.Equal("""{"team":"platform"}""", stored["metadata"]!["labels"]!.ToJsonString());
            Assert.Equal("updated", stored["metadata"]!["annotations"]!["note"]!.ToString());
            Assert.Equal(3, stored["spec"]!["revisionHistoryLimit"]!.GetValue<int>());
            Assert.NotNull(stored["status"]);

            var spec = stored["spec"]!.DeepClone().AsObject();
            spec["revisionHistoryLimit"] = 5;
            var specResponse = await ServerHarness.SendJsonAsync(admin, HttpMethod.Put, "api/v1/applications/write-update/spec", spec.ToJsonString());
            Assert.True(specResponse.StatusCode == HttpStatusCode.OK, await specResponse.Content.ReadAsStringAsync());
            Assert.Equal(5, (await ServerHarness.JsonAsync(specResponse))["revisionHistoryLimit"]!.GetValue<int>());
            Assert.Equal(5, (await WriteApiApps.StoredAsync(harness, "write-update"))["spec"]!["revisionHistoryLimit"]!.GetValue<int>());
        }
        finally
        {
            await WriteApiApps.DeleteAsync(harness, "write-update");
        }
    }

    [Fact]
    public async Task Patch_applies_json_patches_by_default_and_merge_patches_and_refuses_unknown_types()
    {
        await WriteApiApps.CreateAsync(harness, "write-patch", "apps/web/prod");
        try
        {
            using var admin = harness.As("admin");
            Task<HttpResponseMessage> PatchAsync(string patch, string? type)
            {
                var body = new JsonObject { ["name"] = "write-patch", ["patch"] = patch };
                if (type is not null) body["patchType"] = type;
                return ServerHarness.SendJsonAsync(admin, HttpMethod.Patch, "api/v1/applications/write-patch", body.ToJsonString());
            }

            var json = await PatchAsync("""[{"op":"add","path":"/spec/revisionHistoryLimit","value":7}]""", null);
            Assert.True(json.StatusCode == HttpStatusCode.OK, await json.Content.ReadAsStringAsync());
            Assert.Equal(7, (await ServerHarness.JsonAsync(json))["spec"]!["revisionHistoryLimit"]!.GetValue<int>());
            var merge = await PatchAsync("""{"metadata":{"labels":{"tier":"gold"}}}""", "merge");
            Assert.True(merge.StatusCode == HttpStatusCode.OK, await merge.Content.ReadAsStringAsync());
            var stored = await WriteApiApps.StoredAsync(harness, "write-patch");
            Assert.Equal("gold", stored["metadata"]!["labels"]!["tier"]!.ToString());
            Assert.Equal(7, stored["spec"]!["revisionHistoryLimit"]!.GetValue<int>());

            Assert.Equal((HttpStatusCode.BadRequest, "Patch type 'yaml' is not supported"), await WriteApiApps.ErrorAsync(await PatchAsync("{}", "yaml")));
            var missingPath = await WriteApiApps.ErrorAsync(await PatchAsync("""[{"op":"replace","path":"/spec/nothing/here","value":1}]""", "json"));
            Assert.Equal(HttpStatusCode.BadRequest, missingPath.Status);
            Assert.StartsWith("patch: error applying patch:", missingPath.Message, StringComparison.Ordinal);
            var rename = await WriteApiApps.ErrorAsync(await PatchAsync("""{"metadata":{"name":"elsewhere"}}""", "merge"));
            Assert.Equal((HttpStatusCode.BadRequest, "application.metadata.name \"elsewhere\" does not match the application in the path \"write-patch\""), rename);
            Assert.Equal(HttpStatusCode.BadRequest, (await PatchAsync("not json", "merge")).StatusCode);
            Assert.Equal(7, (await WriteApiApps.StoredAsync(harness, "write-patch"))["spec"]!["revisionHistoryLimit"]!.GetValue<int>());
        }
        finally
        {
            await WriteApiApps.DeleteAsync(harness, "write-patch");
        }
    }

    [Fact]
    public async Task Rollback_syncs_a_history_entry_s_revision_and_is_refused_under_auto_sync_or_for_an_unknown_id()
    {
        var first = WriteApiApps.Commit(harness, "rollback v1", new Dictionary<string, string>
        {
            ["apps/rollback/kustomization.yaml"] = Kustomization,
            ["apps/rollback/resources.yaml"] = Settings("one"),
        });
        await WriteApiApps.CreateAsync(harness, "write-rollback", "apps/rollback");
        try
        {
            await WriteApiApps.SyncAsync(harness, "write-rollback", first);
            var second = WriteApiApps.Commit(harness, "rollback v2", new Dictionary<string, string> { ["apps/rollback/resources.yaml"] = Settings("two") });
            var synced = await WriteApiApps.SyncAsync(harness, "write-rollback", second);
            Assert.Equal([first, second], synced["status"]!["history"]!.AsArray().Select(h => h!["revision"]!.ToString()));
            Assert.Equal("two", await SettingAsync());

            using var admin = harness.As("admin");
            var unknown = await WriteApiApps.ErrorAsync(await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/applications/write-rollback/rollback", """{"id":9}"""));
            Assert.Equal((HttpStatusCode.BadRequest, "application argocd/write-rollback does not have deployment with id 9 (its history ids: 0, 1)"), unknown);
            var automated = await WriteApiApps.ErrorAsync(await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/applications/web-dev/rollback", """{"id":0}"""));
            Assert.Equal((HttpStatusCode.BadRequest, "rollback cannot be initiated when auto-sync is enabled"), automated);
            using (var carol = harness.As("carol"))
            {
                var denied = await WriteApiApps.ErrorAsync(await ServerHarness.SendJsonAsync(carol, HttpMethod.Post, "api/v1/applications/write-rollback/rollback", """{"id":0}"""));
                Assert.Equal((HttpStatusCode.Forbidden, "permission denied: applications, sync, default/write-rollback, sub: carol"), denied);
            }
            Assert.Equal("two", await SettingAsync());

            var rollback = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/applications/write-rollback/rollback", """{"id":0,"prune":true}""");
            Assert.True(rollback.StatusCode == HttpStatusCode.OK, await rollback.Content.ReadAsStringAsync());
            var requested = await ServerHarness.JsonAsync(rollback);
            Assert.Equal(first, requested["operation"]!["sync"]!["revision"]!.ToString());
            Assert.Equal("admin", requested["operation"]!["initiatedBy"]!["username"]!.ToString());
            var rolledBack = await harness.WaitForAsync("write-rollback", a => WriteApiApps.Phase(a) == "Succeeded" && a["operation"] is null
                && a["status"]?["operationState"]?["syncResult"]?["revision"]?.ToString() == first, "rolled back");
            Assert.Equal(first, rolledBack["status"]!["history"]!.AsArray().Last()!["revision"]!.ToString());
            Assert.Equal("one", await SettingAsync());
        }
        finally
        {
            await WriteApiApps.DeleteAsync(harness, "write-rollback");
        }

        async Task<string?> SettingAsync() =>
            (await harness.Client.GetAsync("v1", "ConfigMap", "write-rollback", "rollback-settings"))?["data"]?["value"]?.ToString();
    }

    [Fact]
    public async Task Terminate_stops_a_sync_waiting_on_a_slow_PreSync_hook_and_fails_it_as_terminated()
    {
        WriteApiApps.Commit(harness, "slow hook", new Dictionary<string, string>
        {
            ["apps/slow/kustomization.yaml"] = Kustomization,
            ["apps/slow/resources.yaml"] = SampleApp.SlowPreSyncHook + "\n---\n" + Settings("after-hook").Replace("rollback-settings", "slow-settings", StringComparison.Ordinal),
        });
        await WriteApiApps.CreateAsync(harness, "write-slow", "apps/slow");
        try
        {
            using var admin = harness.As("admin");
            var idle = await WriteApiApps.ErrorAsync(await WriteApiApps.DeleteAsync(admin, "api/v1/applications/write-slow/operation"));
            Assert.Equal((HttpStatusCode.BadRequest, "Unable to terminate operation. No operation is in progress"), idle);

            var sync = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/applications/write-slow/sync", "{}");
            Assert.True(sync.StatusCode == HttpStatusCode.OK, await sync.Content.ReadAsStringAsync());
            await harness.WaitForAsync("write-slow", a => WriteApiApps.Phase(a) == "Running", "running its sync");
            await WriteApiApps.EventuallyAsync(() => harness.Client.GetAsync("batch/v1", "Job", "write-slow", "slow-migrate"), j => j is not null, "the PreSync hook Job to run");

            using (var carol = harness.As("carol"))
            {
                var denied = await WriteApiApps.ErrorAsync(await WriteApiApps.DeleteAsync(carol, "api/v1/applications/write-slow/operation"));
                Assert.Equal((HttpStatusCode.Forbidden, "permission denied: applications, sync, default/write-slow, sub: carol"), denied);
            }
            var terminate = await WriteApiApps.DeleteAsync(admin, "api/v1/applications/write-slow/operation");
            Assert.Equal(HttpStatusCode.OK, terminate.StatusCode);
            Assert.Equal("{}", await terminate.Content.ReadAsStringAsync());

            var terminated = await harness.WaitForAsync("write-slow", a => WriteApiApps.Phase(a) == "Failed", "terminated", seconds: 20);
            Assert.Equal("Operation terminated", terminated["status"]!["operationState"]!["message"]!.ToString());
            Assert.Null(terminated["operation"]);
            var hook = terminated["status"]!["operationState"]!["syncResult"]!["resources"]!.AsArray().Single(r => r!["kind"]!.ToString() == "Job");
            Assert.Equal("Terminated", hook!["message"]!.ToString());
            await WriteApiApps.EventuallyAsync(() => harness.Client.GetAsync("batch/v1", "Job", "write-slow", "slow-migrate"), j => j is null, "the hook Job to be deleted");
            // The sync stopped before its Sync phase: what comes after the hook was never applied.
            Assert.Null(await harness.Client.GetAsync("v1", "ConfigMap", "write-slow", "slow-settings"));
        }
        finally
        {
            await WriteApiApps.DeleteAsync(harness, "write-slow");
        }
    }

    [Fact]
    public async Task Terminate_stops_an_automated_sync_too_and_it_is_not_tried_again_at_that_revision()
    {
        WriteApiApps.Commit(harness, "slow hook, automated", new Dictionary<string, string>
        {
            ["apps/slow-auto/kustomization.yaml"] = Kustomization,
            ["apps/slow-auto/resources.yaml"] = SampleApp.SlowPreSyncHook + "\n---\n" + Settings("after-hook").Replace("rollback-settings", "slow-auto-settings", StringComparison.Ordinal),
        });
        await harness.Client.ApplyManifestsAsync(harness.App("write-slow-auto", "default", "apps/slow-auto", "write-slow-auto", SampleApp.Automated), "test", "write-slow-auto");
        try
        {
            // The engine starts the sync by itself: no operation field, only a Running operation state.
            var running = await harness.WaitForAsync("write-slow-auto", a => WriteApiApps.Phase(a) == "Running", "running its automated sync");
            Assert.Null(running["operation"]);
            Assert.True(running["status"]!["operationState"]!["operation"]!["initiatedBy"]!["automated"]!.GetValue<bool>());

            using var admin = harness.As("admin");
            var terminate = await WriteApiApps.DeleteAsync(admin, "api/v1/applications/write-slow-auto/operation");
            Assert.Equal(HttpStatusCode.OK, terminate.StatusCode);
            var terminated = await harness.WaitForAsync("write-slow-auto", a => WriteApiApps.Phase(a) == "Failed", "terminated", seconds: 20);
            Assert.Equal("Operation terminated", terminated["status"]!["operationState"]!["message"]!.ToString());
            Assert.Null(await harness.Client.GetAsync("v1", "ConfigMap", "write-slow-auto", "slow-auto-settings"));

            // Auto-sync does not start the same revision again at once (as Argo CD: it was attempted).
            (await admin.GetAsync("api/v1/applications/write-slow-auto?refresh=normal")).EnsureSuccessStatusCode();
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal("Failed", WriteApiApps.Phase(await ServerHarness.JsonAsync(await admin.GetAsync("api/v1/applications/write-slow-auto"))));
        }
        finally
        {
            await WriteApiApps.DeleteAsync(harness, "write-slow-auto");
        }
    }
}
